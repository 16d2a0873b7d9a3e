package jload.engine.script.js;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Source;

/**
 * Errors that jload's built-in modules raise in a script as JavaScript {@code Error}s — caught by
 * the script's {@code try/catch} with a readable {@code e.message}, located at the script's line —
 * rather than as Java exceptions, which a script sees as opaque host objects.
 */
final class JsErrors {
    private static final Source NEW_ERROR = Source.newBuilder("js", "(m) => new Error(m)", "<jload>/errors.js").buildLiteral();

    private JsErrors() {}

    /**
     * Runs engine code on behalf of a script call; the engine's {@link IllegalArgumentException}
     * (a bad name, tag or URL) reaches the script as a JavaScript Error.
     */
    static <T> T onBehalfOfScript(java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (IllegalArgumentException e) {
            throw thrown(e.getMessage());
        }
    }

    /**
     * {@link #onBehalfOfScript}, and an IllegalStateException too (a call refused in the init context, or a failed
     * call under the {@code throw} option) becomes the script's error.
     */
    static <T> T failuresToScript(java.util.function.Supplier<T> call) {
        try {
            return onBehalfOfScript(call);
        } catch (IllegalStateException e) {
            throw thrown(e.getMessage());
        }
    }

    /** Throws {@code message} into the script that called the current host method. Never returns. */
    static RuntimeException thrown(String message) {
        Context.getCurrent().eval(NEW_ERROR).execute(message).throwException();
        throw new IllegalStateException("unreachable: " + message);
    }
}
