package jload.engine.timeline;

import java.util.ArrayList;
import java.util.List;
import jload.engine.exec.GcPauses;

/**
 * jload's own stalls during a run — garbage-collection pauses (from the JDK's notifications) and hiccups
 * ({@link HiccupProbe}) — kept in order and handed to the listeners as they happen, so every chart and table can show
 * them beside the numbers they touched. Keeps at most {@link #KEPT} (a run that stalls more than that has one
 * problem to fix first; the count goes on).
 */
public final class StallRecorder implements AutoCloseable {
    public static final int KEPT = 10_000;

    private final List<TimelineListener> listeners;
    private final List<Stall> stalls = new ArrayList<>();
    private long seen;
    private final GcPauses gc;
    private final HiccupProbe hiccups;

    private StallRecorder(List<TimelineListener> listeners) {
        this.listeners = List.copyOf(listeners);
        this.gc = GcPauses.start((start, millis, what) -> record(new Stall("gc", start, millis, what)));
        this.hiccups = new HiccupProbe(this::record);
    }

    /** Starts recording now. */
    public static StallRecorder start(List<TimelineListener> listeners) {
        return new StallRecorder(listeners);
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
        hiccups.close();
        gc.close();
    }
}
