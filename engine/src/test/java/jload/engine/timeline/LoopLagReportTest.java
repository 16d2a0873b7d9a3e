package jload.engine.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The end-of-run line about jload's event loops running late: when it is said, and what it says. */
class LoopLagReportTest {
    private static final long START = 1_000_000;

    private static Stall loop(long at, long ms) {
        return new Stall("loop", START + at, ms, "event loop 0 ran " + ms + " ms late");
    }

    @Test
    void aLoopLateBy20MsOrMoreIsSaidWithHowManyWereInTheFirstSecond() {
        assertEquals("jload's event loops ran late 3 times during the test (longest 98 ms, 2 of them in its first second): its VUs"
                + " and sockets waited, and anything timed across a delay includes it (see \"jload's own stalls\" in docs/cli.md;"
                + " --out html=FILE shows when)", LoopLagReport.describe(List.of(loop(19, 13), loop(128, 98), loop(4_000, 22)), START));
        assertEquals(true, LoopLagReport.describe(List.of(loop(19, 41), loop(300, 12)), START).contains("(longest 41 ms, all in its first second)"));
        assertEquals(true, LoopLagReport.describe(List.of(loop(5_000, 30)), START).contains("late 1 time during the test (longest 30 ms):"));
    }

    @Test
    void shortDelaysAndAGcPausesEchoesAreNotSaid() {
        assertNull(LoopLagReport.describe(List.of(loop(0, 19), loop(2_000, 11)), START), "19 ms at most: nothing to say");
        assertNull(LoopLagReport.describe(List.of(), START));
        List<Stall> gcOnly = List.of(new Stall("gc", START + 500, 45, "G1 Young Generation"), loop(502, 42),
                new Stall("hiccup", START + 3_000, 50, "a thread woke 50 ms late"));
        assertNull(LoopLagReport.describe(gcOnly, START), "the loops waited for the GC pause, which has its own warning");
        List<Stall> shortPause = List.of(new Stall("gc", START + 500, 15, "G1 Young Generation"), loop(502, 25));
        assertEquals(true, LoopLagReport.describe(shortPause, START).contains("(longest 25 ms"),
                "a 15 ms pause has no line of its own (under 20 ms): the loop's 25 ms delay is said");
    }
}
