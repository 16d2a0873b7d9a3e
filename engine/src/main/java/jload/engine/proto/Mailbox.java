package jload.engine.proto;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;

/**
 * Where network events for one VU wait until its thread runs script code. Producers (event loops)
 * enqueue without locks and unpark the VU only when it is parked waiting; the VU drains every
 * queued event per wake-up. This handoff is the cost that decides jload's speed (DESIGN.md §9),
 * so it takes no lock and creates no future per message.
 */
public final class Mailbox {
    private final ConcurrentLinkedQueue<Object> queue = new ConcurrentLinkedQueue<>();
    private volatile Thread waiter;

    /** From any thread. */
    public void post(Object event) {
        queue.offer(event);
        Thread w = waiter;
        if (w != null) LockSupport.unpark(w);
    }

    /** The next event, or null at once when there is none. */
    public Object poll() {
        return queue.poll();
    }

    /**
     * The next event, waiting until {@code deadlineNanos} (System.nanoTime) at most; null at the
     * deadline. Only the VU's own thread calls this.
     *
     * @throws InterruptedException when the VU's iteration is being interrupted
     */
    public Object take(long deadlineNanos) throws InterruptedException {
        return take(deadlineNanos, true);
    }

    /**
     * {@link #take(long)} for a timeout rather than a timer: with {@code exact = false} a deadline
     * of 100 ms or more may pass by up to about 10 ms ({@link VuClock#parkUntil(Object, long, boolean)}).
     */
    public Object take(long deadlineNanos, boolean exact) throws InterruptedException {
        Object e = queue.poll();
        if (e != null) return e;
        waiter = Thread.currentThread();
        try {
            while ((e = queue.poll()) == null) {
                if (deadlineNanos - System.nanoTime() <= 0) return null;
                VuClock.parkUntil(this, deadlineNanos, exact);
                if (Thread.interrupted()) throw new InterruptedException();
            }
            return e;
        } finally {
            waiter = null;
        }
    }
}
