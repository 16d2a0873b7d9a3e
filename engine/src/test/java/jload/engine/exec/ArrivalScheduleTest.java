package jload.engine.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import jload.engine.plan.Stage;
import org.junit.jupiter.api.Test;

class ArrivalScheduleTest {
    private static long count(ArrivalSchedule s, Duration within) {
        long k = 0;
        while (true) {
            long at = s.offsetOf(k);
            if (at < 0 || at >= within.toNanos()) return k;
            k++;
        }
    }

    @Test
    void constantRateSpacesIterationsEvenly() {
        ArrivalSchedule s = ArrivalSchedule.constant(10, Duration.ofSeconds(1), Duration.ofSeconds(3));
        assertEquals(0, s.offsetOf(0));
        assertEquals(100_000_000, s.offsetOf(1));
        assertEquals(30, count(s, Duration.ofSeconds(3)));
        assertEquals(-1, s.offsetOf(30));
    }

    @Test
    void timeUnitScalesTheRate() {
        ArrivalSchedule s = ArrivalSchedule.constant(30, Duration.ofMinutes(1), Duration.ofMinutes(1));
        assertEquals(2_000_000_000L, s.offsetOf(1));
    }

    @Test
    void rampingRateStartsIterationsAtTheIntegralOfTheRate() {
        ArrivalSchedule s = ArrivalSchedule.ramping(0, Duration.ofSeconds(1),
                List.of(new Stage(Duration.ofSeconds(10), 100), new Stage(Duration.ofSeconds(5), 100)));
        // ramp 0→100/s over 10 s: N(t) = 5 t², so 500 iterations in the ramp, then 100/s.
        assertEquals(500, count(s, Duration.ofSeconds(10)), 1);
        assertEquals(1000, count(s, Duration.ofSeconds(15)), 1);
        // the 125th iteration is due at t = sqrt(125 / 5) = 5 s
        assertEquals(5e9, s.offsetOf(125), 1e6);
        for (long k = 1; k < 1000; k++) assertTrue(s.offsetOf(k) >= s.offsetOf(k - 1), "monotonic at " + k);
    }

    @Test
    void aZeroRateStageStartsNothing() {
        ArrivalSchedule s = ArrivalSchedule.ramping(0, Duration.ofSeconds(1),
                List.of(new Stage(Duration.ofSeconds(2), 0), new Stage(Duration.ofSeconds(1), 10)));
        assertTrue(s.offsetOf(0) >= 2_000_000_000L, "nothing before the rate rises: " + s.offsetOf(0));
    }
}
