package jload.engine.script;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Init code running now — the options-reading init and each VU's — and how to stop it: a stop
 * signal cancels all of it, including init code that never returns (a busy loop). During the
 * initialisation phase (until {@link #endInitialisation()}) any init that would start afterwards
 * fails at once as {@link ScriptFailure.Kind#INTERRUPTED}; after it, the VUs that setup, teardown
 * and handleSummary run on must still initialise after a stop, so only running inits are cancelled.
 */
public final class InitStopper {
    private final Set<Runnable> running = ConcurrentHashMap.newKeySet();
    private volatile boolean stopped;

    /**
     * Runs {@code init}; {@code cancel}, called from another thread, must make it end soon
     * (cancel a GraalJS context, interrupt the thread running Groovy code).
     */
    public <T> T run(Runnable cancel, Supplier<T> init) {
        if (stopped) throw interrupted();
        java.util.concurrent.atomic.AtomicBoolean cancelled = new java.util.concurrent.atomic.AtomicBoolean();
        Runnable once = () -> {
            cancelled.set(true);
            cancel.run();
        };
        running.add(once);
        try {
            if (stopped) throw interrupted(); // stopped between the check and the add
            return init.get();
        } finally {
            running.remove(once);
            // A cancel may have interrupted this thread (Groovy init); what the thread does next must not see it.
            if (cancelled.get()) Thread.interrupted();
        }
    }

    private volatile boolean initialising = true;

    /** Stops every init running now and, while initialising, every later one. From any thread, e.g. a signal handler. */
    public void stopAll() {
        synchronized (this) {
            if (initialising) stopped = true;
        }
        for (Runnable cancel : running) cancel.run();
    }

    /** The VUs the test starts with are initialised: later stops no longer refuse new inits. */
    public synchronized void endInitialisation() {
        initialising = false;
        stopped = false;
    }

    private static ScriptFailure interrupted() {
        return new ScriptFailure(ScriptFailure.Kind.INTERRUPTED, "initialisation stopped", null);
    }
}
