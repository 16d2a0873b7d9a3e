package jload.engine.proto;

import io.netty.channel.EventLoop;
import java.lang.reflect.Constructor;
import java.util.concurrent.Executor;

/**
 * Starts a VU's virtual thread carried by its home event loop instead of the JDK's shared
 * scheduler. Then the loop that reads a VU's message also runs the VU's script right after, and
 * the VU's sends, timers and wake-ups never cross threads: measured on one core with 1,000
 * WebSocket VUs, the cross-thread handoffs (a futex wake per unpark, an eventfd write per send, a
 * timer thread per sleep) were most of jload's CPU per message beyond the script itself.
 *
 * <p>The JDK has no public API for a virtual thread's scheduler yet; its builder takes one through
 * a constructor kept for its own tests, reached here by reflection (needs
 * {@code --add-opens java.base/java.lang=ALL-UNNAMED}, which bin/jload passes). Without it, VU
 * threads are ordinary virtual threads and everything still works, only with those handoffs.
 *
 * <p>A VU thread that outlives its loop (the run ended, the loops were shut down, and something it waited for
 * happened after) finishes on a spare carrier ({@link #carrier}): the loop would refuse it, and the refusal would
 * land in whoever woke it — for a blocking socket, the JDK's poller thread, whose death stops every later blocking
 * socket of every virtual thread in the JVM. Virtual threads started by a VU thread inherit its carrier (the
 * JDK's rule), so they are covered too.
 *
 * <p>The cost of the design: a VU runs its script on its loop's thread, so a script that computes
 * for long delays the reading of that loop's sockets (and their timestamps) until it blocks —
 * exactly as a callback client would.
 */
public final class VuCarrier {
    private static final Constructor<?> BUILDER = carrierBuilder();

    private VuCarrier() {}

    private static Constructor<?> carrierBuilder() {
        if (Boolean.getBoolean("jload.vu.defaultScheduler")) return null;
        try {
            Constructor<?> c = Class.forName("java.lang.ThreadBuilders$VirtualThreadBuilder")
                    .getDeclaredConstructor(Executor.class);
            c.setAccessible(true);
            return c;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /** Carries what a loop refuses: continuations of VU threads whose loop has shut down. */
    private static final Executor SPARE = java.util.concurrent.Executors.newCachedThreadPool(Thread.ofPlatform().daemon()
            .name("jload-vu-spare-carrier-", 0).factory());

    /** The scheduler of a VU thread at home on {@code home}: the loop, or a spare carrier once the loop refuses. */
    static Executor carrier(EventLoop home) {
        return task -> {
            if (!home.isShuttingDown()) {
                try {
                    home.execute(task);
                    return;
                } catch (java.util.concurrent.RejectedExecutionException shutDownMeanwhile) {
                    // falls through to the spare carrier
                }
            }
            SPARE.execute(task);
        };
    }

    /** Whether VU threads run on their event loops (false: on the JDK's default scheduler). */
    public static boolean available() {
        return BUILDER != null;
    }

    /** An unstarted virtual thread running {@code body} with {@code home} (one of {@code loops}) as its carrier and timer. */
    public static Thread newThread(IoLoops loops, EventLoop home, String name, Runnable body) {
        Runnable withHome = () -> {
            VuClock.setHome(home, BUILDER != null ? loops.timeouts(home) : null);
            body.run();
        };
        if (BUILDER != null) {
            try {
                Thread.Builder.OfVirtual b = (Thread.Builder.OfVirtual) BUILDER.newInstance(carrier(home));
                return b.name(name).unstarted(withHome);
            } catch (ReflectiveOperationException e) {
                // fall through to the default scheduler
            }
        }
        return Thread.ofVirtual().name(name).unstarted(withHome);
    }
}
