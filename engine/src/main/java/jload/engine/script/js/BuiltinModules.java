package jload.engine.script.js;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The modules jload provides by name ({@code k6}, {@code k6/metrics}, {@code jload}, …) and the
 * remote k6 jslib modules it bundles, so that ported scripts run offline. Sources are resources
 * under {@code jload/js/}.
 */
final class BuiltinModules {
    /** Import specifier → resource file name. */
    private static final Map<String, String> BY_NAME = new LinkedHashMap<>();

    static {
        BY_NAME.put("k6", "k6.mjs");
        BY_NAME.put("k6/metrics", "k6-metrics.mjs");
        BY_NAME.put("k6/execution", "k6-execution.mjs");
        BY_NAME.put("k6/data", "k6-data.mjs");
        BY_NAME.put("k6/timers", "k6-timers.mjs");
        BY_NAME.put("jload", "jload.mjs");
        BY_NAME.put("jload/metrics", "k6-metrics.mjs");
        BY_NAME.put("jload/ws", "jload-ws.mjs");
        BY_NAME.put("k6/ws", "k6-ws.mjs");
        BY_NAME.put("k6/websockets", "k6-websockets.mjs");
        BY_NAME.put("k6/experimental/websockets", "k6-websockets.mjs");
    }

    private record RemoteModule(Pattern url, String resource) {}

    /** k6 jslib URLs (any version of the major line we re-implement) → bundled copy. */
    private static final List<RemoteModule> REMOTE = List.of(
            new RemoteModule(Pattern.compile("https://jslib\\.k6\\.io/k6-utils/1\\.\\d+\\.\\d+/index\\.js"), "jslib-k6-utils.mjs"),
            new RemoteModule(Pattern.compile("https://jslib\\.k6\\.io/k6-summary/0\\.\\d+\\.\\d+/index\\.js"), "jslib-k6-summary.mjs"));

    private BuiltinModules() {}

    /** The resource serving {@code specifier}, or null when it is not built in. */
    static String resourceFor(String specifier) {
        String r = BY_NAME.get(specifier);
        if (r != null) return r;
        for (RemoteModule m : REMOTE) if (m.url().matcher(specifier).matches()) return m.resource();
        return null;
    }

    static boolean isRemote(String specifier) {
        return specifier.startsWith("http://") || specifier.startsWith("https://");
    }

    static String knownRemote() {
        return "k6-utils 1.x, k6-summary 0.x from jslib.k6.io";
    }

    static String sourceText(String resource) {
        return new String(source(resource), java.nio.charset.StandardCharsets.UTF_8);
    }

    static byte[] source(String resource) {
        try (InputStream in = BuiltinModules.class.getResourceAsStream("/jload/js/" + resource)) {
            if (in == null) throw new IllegalStateException("missing built-in module resource " + resource);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
