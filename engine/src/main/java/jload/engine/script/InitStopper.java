package jload.engine.script;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Init code running now — the options-reading init and each VU's — and how to stop it: a stop
 * signal during initialisation cancels all of it, including init code that never returns (a busy
 * loop), and any init that would start afterwards fails at once as {@link ScriptFailure.Kind#INTERRUPTED}.
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
        running.add(cancel);
        try {
            if (stopped) throw interrupted(); // stopped between the check and the add
            return init.get();
        } finally {
            running.remove(cancel);
        }
    }

    /** Stops every init running now and every later one. From any thread, e.g. a signal handler. */
    public void stopAll() {
        stopped = true;
        for (Runnable cancel : running) cancel.run();
    }

    private static ScriptFailure interrupted() {
        return new ScriptFailure(ScriptFailure.Kind.INTERRUPTED, "initialisation stopped", null);
    }
}
