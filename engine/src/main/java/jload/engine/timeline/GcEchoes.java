package jload.engine.timeline;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A garbage-collection pause stops every thread, so the hiccup probe and each event loop's lag probe see it too, a
 * moment later, as stalls of their own: one pause would be listed three or four times, and a run's count of stalls
 * would say it stalled more often than it did. A {@code hiccup} or {@code loop} stall that lies mostly (at least half
 * of it) within a {@code gc} pause is that pause's echo and is left out; one that is mostly outside it (a loop that was
 * late for longer than the pause, for its own reasons) stays.
 *
 * <p>Applied when stalls are read (not as they arrive): the JDK's notification of a pause comes after the pause, often
 * after the probes have reported it.
 */
public final class GcEchoes {
    /** The probes time a stall from when they woke, the JDK a pause from its own clock: they agree within this. */
    static final long SLACK_MILLIS = 2;

    private GcEchoes() { }

    /** {@code stalls} in their order, without the echoes of its {@code gc} pauses. */
    public static List<Stall> removedFrom(List<Stall> stalls) {
        long[][] pauses = stalls.stream().filter(s -> s.kind().equals("gc"))
                .map(s -> new long[] {s.startMillis() - SLACK_MILLIS, s.startMillis() + s.durationMillis() + SLACK_MILLIS})
                .sorted((a, b) -> Long.compare(a[0], b[0])).toArray(long[][]::new);
        if (pauses.length == 0) return stalls;
        long[] starts = Arrays.stream(pauses).mapToLong(p -> p[0]).toArray();
        List<Stall> kept = new ArrayList<>(stalls.size());
        for (Stall s : stalls) if (s.kind().equals("gc") || !isEcho(s, pauses, starts)) kept.add(s);
        return kept;
    }

    private static boolean isEcho(Stall s, long[][] pauses, long[] starts) {
        long from = s.startMillis(), to = s.startMillis() + s.durationMillis();
        // Pauses do not overlap one another: only the last one starting before this stall ends, and its predecessor, can cover it.
        int i = Arrays.binarySearch(starts, to);
        int last = i >= 0 ? i : -i - 2;
        for (int k = last; k >= Math.max(0, last - 1); k--) {
            long overlap = Math.min(to, pauses[k][1]) - Math.max(from, pauses[k][0]);
            if (overlap * 2 >= s.durationMillis()) return true;
        }
        return false;
    }
}
