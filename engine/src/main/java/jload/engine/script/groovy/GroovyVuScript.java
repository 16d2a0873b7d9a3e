package jload.engine.script.groovy;

import groovy.lang.Closure;
import java.nio.file.Path;
import jload.engine.script.ScriptFailure;
import jload.engine.script.ScriptJson;
import jload.engine.script.VuScript;
import jload.groovy.JloadScript;

/** A Groovy scenario instantiated for one VU: its script object, whose top level has run. */
final class GroovyVuScript implements VuScript {
    private final JloadScript script;
    private final GroovyHost host;
    private final Path file;
    private String lastDataJson;
    private Object lastData;

    GroovyVuScript(JloadScript script, GroovyHost host, Path file) {
        this.script = script;
        this.host = host;
        this.file = file;
    }

    GroovyHost host() {
        return host;
    }

    /**
     * Only setup's and handleSummary's results mean something to the engine; any other block's
     * result is Groovy's implicit last value (a socket, a check's verdict) and is not converted.
     */
    @Override
    public String call(String function, String dataJson) {
        Closure<?> body = host.function(function);
        if (body == null) {
            throw new ScriptFailure(ScriptFailure.Kind.EXCEPTION, "the script declares no " + blockName(function), null);
        }
        try {
            Object result = body.getMaximumNumberOfParameters() == 0 ? body.call() : body.call(data(dataJson));
            if (result == null || !(function.equals("setup") || function.equals("handleSummary"))) return null;
            return ScriptJson.write(result);
        } catch (Throwable t) {
            if (t instanceof VirtualMachineError fatal) throw fatal;
            throw GroovyFailures.thrown(t, ScriptFailure.Kind.EXCEPTION, file);
        }
    }

    private static String blockName(String function) {
        return function.equals("default") ? "iteration { }" : function.equals("setup") || function.equals("teardown")
                || function.equals("handleSummary") ? function + " { }" : "iteration('" + function + "') { }";
    }

    /** setup()'s data, parsed once per VU (each VU gets its own copy, as in k6). */
    private Object data(String dataJson) {
        if (dataJson == null) return null;
        if (!dataJson.equals(lastDataJson)) {
            lastData = ScriptJson.parse(dataJson);
            lastDataJson = dataJson;
        }
        return lastData;
    }

    @Override
    public void interrupt(Thread runner) {
        // Blocking calls (sleep, expect) end on the interrupt; loops check it (ThreadInterrupt).
        runner.interrupt();
    }

    @Override
    public void close() {
        // Nothing to release: the instance is garbage once the VU lets go of it.
    }

    JloadScript script() {
        return script;
    }
}
