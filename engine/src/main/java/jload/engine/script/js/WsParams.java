package jload.engine.script.js;

import java.util.Map;
import org.graalvm.polyglot.Value;

/** The connect params all three WebSocket modules share: headers, tags and compression: 'deflate'. */
record WsParams(Map<String, String> headers, Map<String, String> tags, boolean deflate) {

    static WsParams read(Value params) {
        if (params == null || params.isNull()) return new WsParams(Map.of(), Map.of(), false);
        return new WsParams(JsBridge.tags(params.getMember("headers")), JsBridge.tags(params.getMember("tags")),
                deflate(params.getMember("compression")));
    }

    /** As k6: empty means none, 'deflate' is the one algorithm, anything else is an error. */
    private static boolean deflate(Value compression) {
        if (compression == null || compression.isNull()) return false;
        String algorithm = (compression.isString() ? compression.asString() : compression.toString()).trim();
        if (algorithm.isEmpty()) return false;
        if (!algorithm.equals("deflate")) {
            throw JsErrors.thrown("unsupported compression algorithm '" + algorithm + "', supported algorithm is 'deflate'");
        }
        return true;
    }
}
