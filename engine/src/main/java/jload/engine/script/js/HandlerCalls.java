package jload.engine.script.js;

import jload.VuContext;
import jload.engine.exec.TestAborted;
import jload.engine.exec.VuInterrupted;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;

/**
 * Calls a script's event handler the way every socket API does: an exception in it is counted
 * (shown once per place) and the caller goes on; an interruption or test abort still unwinds.
 */
final class HandlerCalls {
    private HandlerCalls() {}

    static void callCounted(VuContext vu, Value handler, Object... args) {
        try {
            handler.execute(args);
        } catch (PolyglotException e) {
            if (e.isInterrupted() || e.isCancelled()) throw e;
            if (e.isHostException() && (e.asHostException() instanceof VuInterrupted
                    || e.asHostException() instanceof TestAborted)) throw e;
            vu.execution().recordError(JsRuntime.location(e), e.getMessage());
        }
    }
}
