package jload.engine.timeline;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.EventExecutorGroup;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Measures when the VUs' scheduler fell behind: each event loop — which carries its VUs' threads and reads their
 * sockets — runs a task of this probe {@link #TICK_MILLIS} after the last one, and a task run more than
 * {@link #LATE_MILLIS} after it was due is a {@code loop} stall: for that long, the loop's VUs could not run and its
 * sockets were not read (a script computing, a burst of wake-ups, a saturated core). Where {@link HiccupProbe} sees the
 * whole JVM, this sees the loops the test runs on.
 *
 * <p>Its cost: one scheduled task per loop every 10 ms, run by the loop between its other work (no thread of its own).
 */
final class LoopLagProbe implements AutoCloseable {
    static final long TICK_MILLIS = 10;
    static final long LATE_MILLIS = 10;

    private final Consumer<Stall> onStall;
    private volatile boolean closed;

    LoopLagProbe(EventExecutorGroup loops, Consumer<Stall> onStall) {
        this.onStall = onStall;
        int n = 0;
        for (EventExecutor loop : loops) arm(loop, n++);
    }

    /** The next tick, due {@link #TICK_MILLIS} from now (each tick re-arms itself: a late one is counted once). */
    private void arm(EventExecutor loop, int index) {
        if (closed || loop.isShuttingDown()) return;
        long due = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TICK_MILLIS);
        try {
            loop.schedule(() -> {
                long lateMillis = (System.nanoTime() - due) / 1_000_000;
                if (lateMillis > LATE_MILLIS) {
                    onStall.accept(new Stall("loop", System.currentTimeMillis() - lateMillis, lateMillis,
                            "event loop " + index + " ran " + lateMillis + " ms late: its VUs and sockets waited"));
                }
                arm(loop, index);
            }, TICK_MILLIS, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException shutDown) {
            // the loops are closing with the run
        }
    }

    @Override
    public void close() {
        closed = true;
    }
}
