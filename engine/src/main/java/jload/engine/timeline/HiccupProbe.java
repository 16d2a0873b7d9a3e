package jload.engine.timeline;

import java.util.function.Consumer;

/**
 * Measures when jload could not run a thread on time, as jHiccup does: a platform thread of its own sleeps
 * {@link #TICK_MILLIS} over and over, and a wake-up more than {@link #LATE_MILLIS} late is a {@code hiccup} stall. A
 * thread that is runnable and not run is what a VU or an event loop suffers too when the generator's cores are
 * saturated, the JVM is stopped (a GC pause shows here as well) or the machine's scheduler looks elsewhere.
 *
 * <p>Its cost: one wake-up every 5 ms on one thread, about 1 % of one core (measured: 0.15 s of CPU in the first 14 s
 * of {@code bin/jload run --out hdr=DIR -u 1 -d 20s} on a sleeping script, from {@code /proc/PID/task/TID/stat}). It runs
 * only when an output takes the run's stalls.
 */
final class HiccupProbe implements AutoCloseable {
    static final long TICK_MILLIS = 5;
    /** Later than this is worth marking: a realtime round trip on loopback takes well under a millisecond. */
    static final long LATE_MILLIS = 10;

    private final Thread thread;
    private volatile boolean running = true;

    HiccupProbe(Consumer<Stall> onStall) {
        thread = Thread.ofPlatform().daemon().name("jload-hiccup-probe").start(() -> {
            while (running) {
                long before = System.nanoTime();
                try {
                    Thread.sleep(TICK_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
                long lateMillis = (System.nanoTime() - before) / 1_000_000 - TICK_MILLIS;
                if (lateMillis > LATE_MILLIS) {
                    long end = System.currentTimeMillis();
                    onStall.accept(new Stall("hiccup", end - lateMillis, lateMillis, "a thread woke " + lateMillis + " ms late"));
                }
            }
        });
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
