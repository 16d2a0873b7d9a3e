package jload.engine.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** One GC pause is one stall in a run's list, however many probes felt it; a stall of a loop's own stays. */
class GcEchoesTest {
    private static Stall gc(long start, long ms) {
        return new Stall("gc", start, ms, "G1 Young Generation: G1 Evacuation Pause");
    }

    private static Stall loop(long start, long ms) {
        return new Stall("loop", start, ms, "event loop 0 ran " + ms + " ms late");
    }

    private static Stall hiccup(long start, long ms) {
        return new Stall("hiccup", start, ms, "a thread woke " + ms + " ms late");
    }

    @Test
    void thePauseAndItsEchoesAsARunRecordedThemAreOneStall() {
        // The stalls of the README's example (bin/jload run --sandbox --out hdr=DIR examples/ws-echo.js), in the order
        // they arrived: the probes first, the JDK's notification of the pause after them.
        Stall early = loop(1_078, 55);
        Stall gc1 = gc(1_586, 42), gc2 = gc(10_379, 31);
        List<Stall> recorded = List.of(early, loop(1_588, 42), loop(1_596, 35), hiccup(1_588, 45), gc1,
                hiccup(10_379, 32), loop(10_381, 30), gc2, loop(10_381, 32));
        assertEquals(List.of(early, gc1, gc2), GcEchoes.removedFrom(recorded));
    }

    @Test
    void aStallMostlyOutsideThePauseIsTheLoopsOwn() {
        Stall longer = loop(1_000, 100); // the pause is 30 of its 100 ms
        Stall justAfter = hiccup(1_037, 20); // 5 of its 20 ms within the pause (with the probes' 2 ms of slack)
        Stall pause = gc(1_010, 30);
        assertEquals(List.of(longer, pause, justAfter), GcEchoes.removedFrom(List.of(longer, pause, justAfter)));
    }

    @Test
    void withNoPauseNothingIsLeftOut() {
        List<Stall> stalls = List.of(loop(0, 20), hiccup(5, 15));
        assertEquals(stalls, GcEchoes.removedFrom(stalls));
    }
}
