package jload.engine.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GcPausesTest {
    @Test
    void countsThePausesOfThisJvmUntilClosed() throws InterruptedException {
        GcPauses pauses = GcPauses.start();
        System.gc();
        long deadline = System.nanoTime() + 10_000_000_000L;
        // The JDK delivers GC notifications on a thread of its own, a little after the pause.
        while (pauses.tally().count() == 0 && System.nanoTime() < deadline) Thread.sleep(20);
        pauses.close();
        GcPauses.Tally seen = pauses.tally();
        assertTrue(seen.count() >= 1, "a System.gc() is a pause: " + seen);
        assertTrue(seen.longestMillis() <= seen.totalMillis(), seen.toString());

        Thread.sleep(300);
        long before = pauses.tally().count();
        System.gc();
        Thread.sleep(500);
        assertEquals(before, pauses.tally().count(), "closed: no more counting");
    }

    @Test
    void onlyPausesLongEnoughToMatterAreWorthALine() {
        assertNull(new GcPauses.Tally(12, 96, 19).describe(), "19 ms at most: nothing to say");
        assertNull(new GcPauses.Tally(0, 0, 0).describe());
        String line = new GcPauses.Tally(3, 190, 138).describe();
        assertTrue(line.contains("3 times"), line);
        assertTrue(line.contains("longest 138 ms, 190 ms in all"), line);
        assertTrue(new GcPauses.Tally(1, 25, 25).describe().contains("1 time "), "singular");
    }
}
