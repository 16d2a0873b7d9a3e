package jload.engine.script.groovy;

import groovy.lang.Closure;
import java.nio.file.Path;
import jload.engine.script.ScriptFailure;
import jload.engine.script.ScriptJson;
import jload.engine.script.VuScript;

/** A Groovy scenario instantiated for one VU: the blocks its top level declared (their closures keep the instance). */
final class GroovyVuScript implements VuScript {
    private final GroovyHost host;
    private final Path file;
    private String lastDataJson;
    private Object lastData;

    GroovyVuScript(GroovyHost host, Path file) {
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
            throw new ScriptFailure(ScriptFailure.Kind.EXCEPTION, "the script declares no " + GroovyHost.blockName(function), null);
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
}
