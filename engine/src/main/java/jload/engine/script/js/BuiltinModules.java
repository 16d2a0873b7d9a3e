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
        BY_NAME.put("jload/metrics", "jload-metrics.mjs");
        BY_NAME.put("jload/ws", "jload-ws.mjs");
        BY_NAME.put("jload/socketio", "jload-socketio.mjs");
        BY_NAME.put("jload/redis", "jload-redis.mjs");
        BY_NAME.put("jload/mongo", "jload-mongo.mjs");
        BY_NAME.put("k6/ws", "k6-ws.mjs");
        BY_NAME.put("k6/http", "k6-http.mjs");
        BY_NAME.put("k6/websockets", "k6-websockets.mjs");
        BY_NAME.put("k6/experimental/websockets", "k6-websockets.mjs");
        // The same APIs under the names they had before k6 adopted them (xk6-websockets, xk6-timers,
        // k6/experimental/timers): each exports what the k6 module exports, nothing else.
        BY_NAME.put("k6/x/websockets", "k6-websockets.mjs");
        BY_NAME.put("k6/experimental/timers", "k6-timers.mjs");
        BY_NAME.put("k6/x/timers", "k6-timers.mjs");
        // xk6-redis, as k6 ships it (k6/experimental/redis) and as an extension build names it.
        BY_NAME.put("k6/experimental/redis", "k6-redis.mjs");
        BY_NAME.put("k6/x/redis", "k6-redis.mjs");
        BY_NAME.put("k6/x/mongo", "k6-mongo.mjs"); // xk6-mongo
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

    /**
     * Whether {@code specifier} names a k6 or jload module ({@code k6/…}, {@code jload/…}): such a
     * name is never looked up as a file, even when jload does not have the module.
     */
    static boolean isReservedName(String specifier) {
        return specifier.equals("k6") || specifier.equals("jload")
                || specifier.startsWith("k6/") || specifier.startsWith("jload/");
    }

    /** Why jload cannot serve {@code specifier}, a reserved name it does not have, in k6's terms. */
    static String whyMissing(String specifier) {
        if (specifier.startsWith("k6/x/")) {
            return "a k6 extension (built into a custom k6 binary with xk6); jload runs none, and maps only k6/x/redis, "
                    + "k6/x/mongo, k6/x/websockets and k6/x/timers onto its own modules";
        }
        if (specifier.startsWith("jload/")) {
            return "not a jload module; jload has jload, jload/ws, jload/socketio, jload/redis, jload/mongo and jload/metrics";
        }
        return "a k6 module jload does not have yet";
    }

    /** Whether importing {@code specifier} gives the script a WebSocket client. */
    static boolean isWebSocketModule(String specifier) {
        String resource = BY_NAME.get(specifier);
        return resource != null && java.util.Set.of("k6-ws.mjs", "k6-websockets.mjs", "jload-ws.mjs", "jload-socketio.mjs", "jload.mjs").contains(resource);
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
