package jload.engine.script.js;

import java.util.Map;
import org.graalvm.polyglot.Value;

/** The connect params all three WebSocket modules share: headers, tags and compression: 'deflate'. */
record WsParams(Map<String, String> headers, Map<String, String> tags, boolean deflate) {

    static WsParams read(Value params) {
        if (params == null || params.isNull()) return new WsParams(Map.of(), Map.of(), false);
        Value compression = params.hasMember("compression") ? params.getMember("compression") : null;
        return new WsParams(JsBridge.tags(params.getMember("headers")), JsBridge.tags(params.getMember("tags")),
                compression != null && compression.isString() && "deflate".equals(compression.asString()));
    }
}
