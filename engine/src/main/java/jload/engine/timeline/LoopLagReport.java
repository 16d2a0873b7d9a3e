package jload.engine.timeline;

import java.util.List;

/**
 * The end-of-run warning for jload's event loops running late ({@code loop} stalls, {@link LoopLagProbe}): while a
 * loop is late, its VUs cannot run nor its sockets be read, so every round trip in flight on it is timed longer —
 * jload's time, not the target's. Said, like the GC pauses, when one lasted 20 ms or more; a loop late because of a
 * GC pause is left to the GC's warning ({@link GcEchoes}). Most runs' are in their first second, while jload's own
 * code is still being compiled (docs/cli.md, "jload's own stalls"), and the warning says how many.
 */
public final class LoopLagReport {
    /** Late this long or longer is worth a line after the run: a realtime round trip is a few ms. */
    static final long NOTEWORTHY_MILLIS = jload.engine.exec.GcPauses.NOTEWORTHY_MILLIS;
    static final long FIRST_SECOND_MILLIS = 1_000;

    private LoopLagReport() { }

    /** One sentence for the run's log, or null when nothing is worth saying. */
    public static String describe(List<Stall> stalls, long testStartMillis) {
        long count = 0, longest = 0, early = 0;
        // A loop's delay is left to the GC's line only when that line is said: the pause was noteworthy too.
        List<Stall> saidByGc = stalls.stream()
                .filter(s -> !s.kind().equals("gc") || s.durationMillis() >= jload.engine.exec.GcPauses.NOTEWORTHY_MILLIS).toList();
        for (Stall s : GcEchoes.removedFrom(saidByGc)) {
            if (!s.kind().equals("loop")) continue;
            count++;
            longest = Math.max(longest, s.durationMillis());
            if (s.startMillis() < testStartMillis + FIRST_SECOND_MILLIS) early++;
        }
        if (longest < NOTEWORTHY_MILLIS) return null;
        String when = early == count ? (count == 1 ? ", in its first second" : ", all in its first second")
                : early > 0 ? ", " + early + " of them in its first second" : "";
        return "jload's event loops ran late " + count + (count == 1 ? " time" : " times") + " during the test (longest "
                + longest + " ms" + when + "): its VUs and sockets waited, and anything timed across a delay includes it"
                + " (see \"jload's own stalls\" in docs/cli.md; --out html=FILE shows when)";
    }
}
