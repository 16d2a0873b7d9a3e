package jload.engine.proto;

import io.netty.channel.EventLoop;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Coarse deadlines for the waits of the VUs one event loop carries: waits that usually end long
 * before their deadline (a reply awaited with a timeout of seconds). Scheduling and cancelling a
 * loop timer for each such wait was ≈8 % of the loop's CPU at 1,000 messages/s (profiled); here a
 * wait is a flag on its VU's reusable {@link Waiter}, and one sweep every {@link #TICK_NANOS} wakes
 * those whose deadline passed — so such a wait ends at most about one tick late.
 *
 * <p>Confined to its loop, without locks: it is touched only by that loop's tasks and by the VU
 * threads the loop carries ({@link VuCarrier}), which all run on the loop's one platform thread,
 * one at a time. (Without loop-carried VUs, {@link VuClock} never uses it.)
 */
final class LoopTimeouts {
    static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    /** One VU thread's wait, reused for all of them. */
    static final class Waiter {
        final Thread thread;
        long deadlineNanos;
        boolean armed;
        boolean listed;

        Waiter(Thread thread) {
            this.thread = thread;
        }
    }

    private final EventLoop loop;
    private final List<Waiter> listed = new ArrayList<>();
    private final Runnable sweep = this::sweep;
    private boolean sweepScheduled;

    LoopTimeouts(EventLoop loop) {
        this.loop = loop;
    }

    /** The waiter's thread will be unparked soon after {@code deadlineNanos} unless disarmed first. */
    void arm(Waiter w, long deadlineNanos) {
        w.deadlineNanos = deadlineNanos;
        w.armed = true;
        if (!w.listed) {
            w.listed = true;
            listed.add(w);
        }
        if (!sweepScheduled) {
            sweepScheduled = true;
            loop.schedule(sweep, TICK_NANOS, TimeUnit.NANOSECONDS);
        }
    }

    void disarm(Waiter w) {
        w.armed = false;
    }

    private void sweep() {
        sweepScheduled = false;
        long now = System.nanoTime();
        int kept = 0;
        for (int i = 0; i < listed.size(); i++) {
            Waiter w = listed.get(i);
            if (w.armed && w.deadlineNanos - now <= 0) {
                w.armed = false;
                LockSupport.unpark(w.thread);
            }
            if (w.armed) {
                listed.set(kept++, w);
            } else {
                w.listed = false;
            }
        }
        listed.subList(kept, listed.size()).clear();
        if (!listed.isEmpty()) {
            sweepScheduled = true;
            loop.schedule(sweep, TICK_NANOS, TimeUnit.NANOSECONDS);
        }
    }
}
