package jload.engine.timeline;

import java.util.ArrayList;
import java.util.List;
import jload.engine.exec.GcPauses;

/**
 * jload's own stalls during a run — garbage-collection pauses (from the JDK's notifications), hiccups
 * ({@link HiccupProbe}) and the VUs' event loops falling behind ({@link LoopLagProbe}) — kept in order and handed to
 * the listeners as they happen, so every chart and table can show them beside the numbers they touched. Keeps at most
 * {@link #KEPT} (a run that stalls more than that has one problem to fix first; the count goes on).
 *
 * <p>Every run has one, for the end-of-run warning ({@link LoopLagReport}); the hiccup probe, which costs a thread's
 * wake-ups, runs only when a listener takes stalls.
 */
public final class StallRecorder implements AutoCloseable {
    public static final int KEPT = 10_000;

    private final List<TimelineListener> listeners;
    private final List<Stall> stalls = new ArrayList<>();
    private long seen;
    private final GcPauses gc;
    private final HiccupProbe hiccups;

    private final LoopLagProbe loops;

    private StallRecorder(List<TimelineListener> listeners, io.netty.util.concurrent.EventExecutorGroup eventLoops) {
        this.listeners = List.copyOf(listeners);
        this.gc = GcPauses.start((start, millis, what) -> record(new Stall("gc", start, millis, what)));
        this.hiccups = listeners.isEmpty() ? null : new HiccupProbe(this::record);
        this.loops = eventLoops == null ? null : new LoopLagProbe(eventLoops, this::record);
    }

    /**
     * Starts recording now; {@code eventLoops}, the loops that carry the VUs, are watched too (null: not). With no
     * {@code listeners}, no hiccup probe: the stalls are kept for {@link #stalls()} only.
     */
    public static StallRecorder start(List<TimelineListener> listeners, io.netty.util.concurrent.EventExecutorGroup eventLoops) {
        return new StallRecorder(listeners, eventLoops);
    }

    void record(Stall stall) {
        synchronized (this) {
            seen++;
            if (stalls.size() < KEPT) stalls.add(stall);
        }
        for (TimelineListener l : listeners) {
            try {
                l.onStall(stall);
            } catch (RuntimeException ignored) {
                // an output that fails says so when it closes; the run goes on
            }
        }
    }

    /** The stalls so far, in the order they were reported. */
    public synchronized List<Stall> stalls() {
        return List.copyOf(stalls);
    }

    /** How many were seen, kept or not. */
    public synchronized long count() {
        return seen;
    }

    @Override
    public void close() {
        if (loops != null) loops.close();
        if (hiccups != null) hiccups.close();
        gc.close();
    }
}
