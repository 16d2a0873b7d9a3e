package jload.engine.script;

import jload.VuContext;
import jload.engine.metrics.BuiltinMetrics;
import jload.engine.metrics.MetricRegistry;
import jload.engine.metrics.TagSet;
import jload.engine.proto.ws.WsClient;

/**
 * A VU as language runtimes see it inside the engine: the public {@link VuContext} plus what
 * built-in modules (k6/ws, …) need that scripts must not reach directly.
 */
public interface EngineVu extends VuContext {
    MetricRegistry registry();

    BuiltinMetrics builtins();

    /** The run's shared WebSocket client (created on first use). */
    WsClient wsClient();

    /** k6's {@code throw} option: a failed request (a refused WebSocket connect, …) throws instead of returning. */
    boolean throwErrors();

    /** The tags this VU's samples carry now. */
    /** This VU's Socket.IO clients (the engine's type: script adapters pass typed options). */
    @Override
    jload.engine.proto.socketio.VuSocketIos socketio();

    TagSet tagSet();
}
