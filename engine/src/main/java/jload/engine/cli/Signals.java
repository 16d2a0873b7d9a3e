package jload.engine.cli;

import jload.engine.exec.RunControl;
import jload.engine.exec.StopReason;
import jload.engine.output.Log;
import sun.misc.Signal;

/**
 * Ctrl-C (SIGINT) and SIGTERM: the first stops the run gracefully, the second stops the process at
 * once. Uses {@code sun.misc.Signal} (module jdk.unsupported): the JDK has no public API to handle
 * a signal without exiting, and a shutdown hook cannot keep the process alive to finish outputs.
 */
final class Signals {
    private Signals() {}

    /** @param stopInit cancels init code running now (a stop during initialisation ends it, not just what follows) */
    static void onInterrupt(RunControl control, Log log, Runnable stopInit) {
        java.util.concurrent.atomic.AtomicInteger received = new java.util.concurrent.atomic.AtomicInteger();
        for (String name : new String[] {"INT", "TERM"}) {
            try {
                Signal.handle(new Signal(name), sig -> {
                    if (received.incrementAndGet() > 1) {
                        log.error("stopping at once (second signal); outputs may be incomplete");
                        jload.engine.proto.redis.RedisServerProcess.stopAll(); // halt runs no shutdown hooks
                        Runtime.getRuntime().halt(StopReason.SIGNAL.exitCode);
                    }
                    log.warn("stopping the test (signal " + sig.getName() + "); the summary and outputs will still be written. "
                            + "Press Ctrl-C again to stop at once.");
                    control.stop(StopReason.SIGNAL, "SIG" + sig.getName());
                    stopInit.run();
                });
            } catch (IllegalArgumentException e) {
                // the signal is not available on this platform
            }
        }
    }
}
