package jload.engine.proto.socketio;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import jload.SocketIo;
import jload.SocketIos;
import jload.engine.metrics.BuiltinMetrics;
import jload.engine.metrics.MetricRegistry;
import jload.engine.metrics.TagSet;
import jload.engine.proto.ws.VuWebSockets;
import jload.engine.script.ScriptDurations;

/** One VU's Socket.IO clients, over the VU's WebSockets. Used only by the VU's thread. */
public final class VuSocketIos implements SocketIos {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> NAMES = Set.of("namespace", "auth", "query", "headers", "path", "timeout", "persist");

    private final Supplier<VuWebSockets> sockets;
    private final MetricRegistry registry;
    private final BuiltinMetrics builtins;
    private final Supplier<TagSet> vuTags;

    public VuSocketIos(Supplier<VuWebSockets> sockets, MetricRegistry registry, BuiltinMetrics builtins, Supplier<TagSet> vuTags) {
        this.sockets = sockets;
        this.registry = registry;
        this.builtins = builtins;
        this.vuTags = vuTags;
    }

    @Override
    public SocketIo connect(String url, Map<String, ?> options) {
        return connect(url, options(options));
    }

    public SyncSocketIo connect(String url, SioConnect options) {
        return SyncSocketIo.connect(sockets.get(), registry, builtins, vuTags.get(), url, options);
    }

    /** {@link SioConnect} from named options (a script's object or Groovy's named arguments). */
    public static SioConnect options(Map<String, ?> options) {
        for (String key : options.keySet()) {
            if (!NAMES.contains(key)) {
                throw new IllegalArgumentException("socketio.connect: unknown option '" + key
                        + "'; expected namespace, auth, query, headers, path, timeout or persist");
            }
        }
        String authJson = authJson(options.get("auth"), "socketio.connect");
        Object namespace = options.get("namespace");
        Object path = options.get("path");
        return new SioConnect(namespace == null ? null : String.valueOf(namespace), authJson, strings(options.get("query"), "query"),
                strings(options.get("headers"), "headers"), path == null ? SioConnect.DEFAULT_PATH : String.valueOf(path),
                ScriptDurations.of(options.get("timeout"), SioConnect.DEFAULT_TIMEOUT, "socketio.connect timeout"),
                Boolean.TRUE.equals(options.get("persist")));
    }

    /** Options of {@link SocketIo#of}: the CONNECT's {@code auth} (as JSON text) and the {@code timeout} for its answer. */
    record NamespaceOptions(String authJson, java.time.Duration timeout) {
        static NamespaceOptions of(Map<String, ?> options) {
            for (String key : options.keySet()) {
                if (!key.equals("auth") && !key.equals("timeout")) {
                    throw new IllegalArgumentException("socketio of(): unknown option '" + key + "'; expected auth or timeout");
                }
            }
            return new NamespaceOptions(VuSocketIos.authJson(options.get("auth"), "socketio of()"),
                    ScriptDurations.of(options.get("timeout"), SioConnect.DEFAULT_TIMEOUT, "socketio of() timeout"));
        }
    }

    /** A CONNECT packet's auth payload as JSON text (null for none); it must be an object. */
    private static String authJson(Object auth, String call) {
        String json;
        try {
            json = auth == null ? null : JSON.writeValueAsString(auth);
        } catch (Exception e) {
            throw new IllegalArgumentException(call + " auth: not JSON-serialisable: " + e.getMessage());
        }
        if (json != null && !json.startsWith("{")) throw new IllegalArgumentException(call + " auth: expected an object, not " + json);
        return json;
    }

    private static Map<String, String> strings(Object value, String what) {
        if (value == null) return Map.of();
        if (!(value instanceof Map<?, ?> map)) throw new IllegalArgumentException("socketio.connect " + what + ": expected an object, not " + value);
        Map<String, String> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(String.valueOf(k), String.valueOf(v)));
        return out;
    }
}
