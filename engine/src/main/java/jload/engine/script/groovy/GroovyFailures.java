package jload.engine.script.groovy;

import java.lang.reflect.InvocationTargetException;
import java.nio.file.Path;
import jload.engine.exec.TestAborted;
import jload.engine.exec.VuInterrupted;
import jload.engine.script.ReadableFiles;
import jload.engine.script.ScriptFailure;
import jload.groovy.IterationFailed;
import jload.groovy.UnknownOption;
import org.codehaus.groovy.control.CompilationFailedException;
import org.codehaus.groovy.control.MultipleCompilationErrorsException;
import org.codehaus.groovy.control.messages.ExceptionMessage;
import org.codehaus.groovy.control.messages.Message;
import org.codehaus.groovy.control.messages.SyntaxErrorMessage;
import org.codehaus.groovy.runtime.InvokerInvocationException;
import org.codehaus.groovy.syntax.SyntaxException;

/** A Groovy scenario's failures in terms a user reads: a message and file:line(:column), no Java stack trace. */
final class GroovyFailures {
    private GroovyFailures() {}

    /** A compilation error: the first one, where it is, and how many more there are. */
    static ScriptFailure compilation(CompilationFailedException e, Path script) {
        if (e instanceof MultipleCompilationErrorsException multiple && multiple.getErrorCollector().getErrorCount() > 0) {
            int count = multiple.getErrorCollector().getErrorCount();
            Message first = multiple.getErrorCollector().getError(0);
            String more = count > 1 ? " (and " + (count - 1) + " more error" + (count > 2 ? "s" : "") + ")" : "";
            if (first instanceof SyntaxErrorMessage syntax) {
                SyntaxException se = syntax.getCause();
                return new ScriptFailure(ScriptFailure.Kind.INIT, "the script does not compile: " + se.getOriginalMessage() + more,
                        ReadableFiles.display(script) + ":" + se.getLine() + ":" + se.getStartColumn());
            }
            if (first instanceof ExceptionMessage ex) {
                return new ScriptFailure(ScriptFailure.Kind.INIT, "the script does not compile: " + ex.getCause().getMessage() + more,
                        ReadableFiles.display(script));
            }
        }
        return new ScriptFailure(ScriptFailure.Kind.INIT, "the script does not compile: " + e.getMessage(), ReadableFiles.display(script));
    }

    /** An exception thrown by scenario code, located at the scenario's deepest frame in its stack. */
    static ScriptFailure thrown(Throwable t, ScriptFailure.Kind kind, Path script) {
        t = unwrap(t);
        if (t instanceof VuInterrupted || t instanceof InterruptedException) {
            return new ScriptFailure(ScriptFailure.Kind.INTERRUPTED, "interrupted", null);
        }
        String where = location(t, script);
        if (t instanceof TestAborted) return new ScriptFailure(ScriptFailure.Kind.ABORT, t.getMessage(), where);
        String message = t instanceof IterationFailed || t instanceof UnknownOption ? t.getMessage()
                : t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
        return new ScriptFailure(kind, message, where);
    }

    private static Throwable unwrap(Throwable t) {
        while ((t instanceof InvokerInvocationException || t instanceof InvocationTargetException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /** "file:line" of the innermost frame in the scenario's own file, or null. */
    private static String location(Throwable t, Path script) {
        String fileName = script.getFileName().toString();
        for (StackTraceElement e : t.getStackTrace()) {
            if (fileName.equals(e.getFileName()) && e.getLineNumber() > 0) {
                return ReadableFiles.display(script) + ":" + e.getLineNumber();
            }
        }
        return null;
    }
}
