package jload.engine.exec;

import jload.engine.script.ScriptFailure;
import jload.engine.script.VuScript;

/**
 * One virtual user: its script instance and its state. It runs on whichever virtual thread its
 * executor gives it, never on two at once (the pool hands a VU to one scenario at a time).
 */
public final class Vu {
    private final VuState state;
    private final VuScript script;
    private volatile Thread runner;
    /** The event loop that carries this VU's threads and its sockets, for its whole life. */
    private io.netty.channel.EventLoop home;

    Vu(VuState state, VuScript script) {
        this.state = state;
        this.script = script;
    }

    public int id() {
        return state.vu();
    }

    /** This VU's home loop, chosen the first time it is asked for. */
    synchronized io.netty.channel.EventLoop home(jload.engine.proto.IoLoops loops) {
        if (home == null) home = loops.next();
        return home;
    }

    /**
     * Runs one iteration of {@code run}'s exec function on the calling thread.
     *
     * @param intendedStartNanos when an arrival-rate executor meant it to start, or 0
     */
    IterationOutcome iterate(ScenarioRun run, long intendedStartNanos) {
        RunContext ctx = state.run();
        state.beginIteration(run, run.nextIterationInTest());
        runner = Thread.currentThread();
        long start = System.nanoTime();
        IterationOutcome outcome;
        try {
            script.call(run.config().common().exec(), run.setupData());
            outcome = IterationOutcome.COMPLETED;
        } catch (ScriptFailure f) {
            outcome = switch (f.kind()) {
                case INTERRUPTED, ABORT -> IterationOutcome.INTERRUPTED;
                case EXCEPTION, INIT -> {
                    ctx.errors().record(f.location(), f.getMessage(), run.config().name());
                    yield IterationOutcome.FAILED;
                }
            };
        } finally {
            runner = null;
            Thread.interrupted(); // an interrupt aimed at this iteration must not leak into the next
            state.endIteration();
        }
        long end = System.nanoTime();
        if (outcome != IterationOutcome.INTERRUPTED) {
            state.record(ctx.builtins().iterations, 1);
            state.record(ctx.builtins().iterationDuration, (end - start) / 1e6);
            if (intendedStartNanos > 0) {
                state.record(ctx.builtins().iterationDurationFromIntended, (end - intendedStartNanos) / 1e6);
            }
        }
        run.count(outcome);
        return outcome;
    }

    /** From another thread: stop the iteration in progress, if any. */
    void interrupt() {
        Thread t = runner;
        if (t != null) script.interrupt(t);
    }

    /** Closes the sockets the VU kept open across iterations (after its last iteration). */
    void closeSockets() {
        state.closeSockets();
    }

    /** After the run (the pool closed every VU's sockets, in parallel, before the summary): no waiting here. */
    void close() {
        state.dropSockets();
        script.close();
    }
}
