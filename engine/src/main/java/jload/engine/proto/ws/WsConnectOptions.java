package jload.engine.proto.ws;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jload.WsConnect;
import jload.engine.script.ScriptDurations;

/** {@link WsConnect} from named arguments (Groovy's {@code ws.connect(url, headers: […], timeout: '5s')}). */
public final class WsConnectOptions {
    private static final Set<String> NAMES = Set.of("headers", "subprotocols", "timeout", "compression", "tags",
            "persist", "maxMessageSize");

    private WsConnectOptions() {}

    static WsConnect from(Map<String, ?> options) {
        for (String key : options.keySet()) {
            if (!NAMES.contains(key)) {
                throw new IllegalArgumentException("ws.connect: unknown option '" + key
                        + "'; expected headers, subprotocols, timeout, compression, tags, persist or maxMessageSize");
            }
        }
        WsConnect defaults = WsConnect.defaults();
        Object compression = options.get("compression");
        return new WsConnect(strings(options.get("headers"), "headers"), list(options.get("subprotocols")),
                ScriptDurations.of(options.get("timeout"), defaults.timeout(), "ws.connect timeout"),
                "deflate".equals(String.valueOf(compression)) || Boolean.TRUE.equals(compression),
                strings(options.get("tags"), "tags"), Boolean.TRUE.equals(options.get("persist")),
                maxMessageSize(options.get("maxMessageSize")));
    }

    /** A maxMessageSize option (a whole number of bytes), or the default when absent. */
    public static int maxMessageSize(Object value) {
        if (value == null) return WsConnect.DEFAULT_MAX_MESSAGE_SIZE;
        if (value instanceof Number n && n.doubleValue() >= 1 && n.doubleValue() <= Integer.MAX_VALUE && n.doubleValue() == Math.floor(n.doubleValue())) {
            return n.intValue();
        }
        throw new IllegalArgumentException("ws.connect maxMessageSize: expected a whole number of bytes ≥ 1, not " + value);
    }

    static java.time.Duration timeout(Map<String, ?> options, String call) {
        for (String key : options.keySet()) {
            if (!key.equals("timeout")) throw new IllegalArgumentException(call + ": unknown option '" + key + "'; expected timeout");
        }
        return ScriptDurations.of(options.get("timeout"), jload.WebSocket.DEFAULT_TIMEOUT, call + " timeout");
    }

    private static Map<String, String> strings(Object value, String what) {
        if (value == null) return Map.of();
        if (!(value instanceof Map<?, ?> map)) throw new IllegalArgumentException("ws.connect " + what + ": expected a map, not " + value);
        Map<String, String> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(String.valueOf(k), String.valueOf(v)));
        return out;
    }

    private static List<String> list(Object value) {
        if (value == null) return List.of();
        if (value instanceof CharSequence s) return List.of(s.toString());
        if (!(value instanceof Iterable<?> items)) throw new IllegalArgumentException("ws.connect subprotocols: expected a list, not " + value);
        List<String> out = new ArrayList<>();
        for (Object o : items) out.add(String.valueOf(o));
        return out;
    }
}
