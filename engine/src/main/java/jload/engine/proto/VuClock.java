package jload.engine.proto;

import io.netty.channel.EventLoop;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Timed waits of a VU's thread on its home event loop's timer. A timed park of a virtual thread
 * otherwise goes through the JDK's timer thread, which is woken for every wait (measured: with 1,000
 * VUs each sleeping and waiting once per message, ≈15 % of the CPU); a task scheduled on the loop
 * the VU runs on costs a queue insert. Threads without a home loop (setup, teardown, tests) wait
 * the JDK's way.
 */
public final class VuClock {
    private static final ThreadLocal<Waits> WAITS = ThreadLocal.withInitial(Waits::new);

    /** Waits this far off or farther may use the coarse deadlines of {@link LoopTimeouts}. */
    private static final long COARSE_FROM_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    /** Per thread: its home loop (null: none), its loop's coarse deadlines, how often it has parked. */
    private static final class Waits {
        EventLoop home;
        LoopTimeouts timeouts;
        LoopTimeouts.Waiter waiter;
        long parks;
    }

    private VuClock() {}

    /** @param timeouts the home loop's coarse deadlines, or null when the thread is not carried by that loop */
    static void setHome(EventLoop loop, LoopTimeouts timeouts) {
        Waits w = WAITS.get();
        w.home = loop;
        w.timeouts = timeouts;
        w.waiter = timeouts == null ? null : new LoopTimeouts.Waiter(Thread.currentThread());
    }

    /** The calling VU's home loop, or null. */
    public static EventLoop home() {
        return WAITS.get().home;
    }

    /** How many times the calling thread has parked here so far: tells whether some code waited. */
    public static long parks() {
        return WAITS.get().parks;
    }

    /**
     * Parks until {@code deadlineNanos} (System.nanoTime) at most; like {@link LockSupport#parkNanos},
     * it may return earlier (unpark, interrupt, spuriously), so callers re-check their condition.
     */
    public static void parkUntil(Object blocker, long deadlineNanos) {
        parkUntil(blocker, deadlineNanos, true);
    }

    /**
     * {@link #parkUntil(Object, long)}, where {@code exact = false} allows the deadline to pass by up
     * to about 10 ms when it is 100 ms or more away: for timeouts of waits that usually end early.
     */
    public static void parkUntil(Object blocker, long deadlineNanos, boolean exact) {
        long left = deadlineNanos - System.nanoTime();
        if (left <= 0) return;
        Waits waits = WAITS.get();
        waits.parks++;
        // (a loop shutting down runs no more sweeps: wait the JDK's way then, as below)
        if (!exact && waits.timeouts != null && left >= COARSE_FROM_NANOS && !waits.home.isShuttingDown()) {
            waits.timeouts.arm(waits.waiter, deadlineNanos);
            LockSupport.park(blocker);
            waits.timeouts.disarm(waits.waiter);
            return;
        }
        EventLoop loop = waits.home;
        if (loop == null || loop.isShuttingDown()) {
            LockSupport.parkNanos(blocker, left);
            return;
        }
        Thread me = Thread.currentThread();
        var wake = loop.schedule(() -> LockSupport.unpark(me), left, TimeUnit.NANOSECONDS);
        LockSupport.park(blocker);
        // Woken early (a message, an interrupt): drop the timer. A late unpark is harmless, since
        // every caller parks in a loop.
        if (!wake.isDone()) wake.cancel(false);
    }

    /** Sleeps for {@code nanos}, on the home loop's timer when there is one. */
    public static void sleep(long nanos) throws InterruptedException {
        long deadline = System.nanoTime() + nanos;
        while (true) {
            if (Thread.interrupted()) throw new InterruptedException();
            if (deadline - System.nanoTime() <= 0) return;
            parkUntil(VuClock.class, deadline);
        }
    }
}
