package jload.engine.exec;

import java.time.Duration;
import java.util.List;
import jload.engine.plan.Stage;

/**
 * When the k-th iteration of an arrival-rate scenario is due: the time at which the integral of the
 * rate reaches k. For a rate ramping linearly within a stage that is the root of a quadratic.
 */
final class ArrivalSchedule {
    private final double startRate;      // iterations per nanosecond
    private final List<Stage> stages;
    private final double unitNanos;

    private ArrivalSchedule(double startRate, List<Stage> stages, Duration timeUnit) {
        this.unitNanos = timeUnit.toNanos();
        this.startRate = startRate / unitNanos;
        this.stages = stages;
    }

    static ArrivalSchedule constant(long rate, Duration timeUnit, Duration duration) {
        return new ArrivalSchedule(rate, List.of(new Stage(duration, rate)), timeUnit);
    }

    static ArrivalSchedule ramping(long startRate, Duration timeUnit, List<Stage> stages) {
        return new ArrivalSchedule(startRate, stages, timeUnit);
    }

    /** Nanoseconds from the scenario's start at which iteration {@code k} (from 0) is due; -1 after the last stage. */
    long offsetOf(long k) {
        double needed = k;
        double from = startRate;
        double offset = 0;
        for (Stage s : stages) {
            double d = s.duration().toNanos();
            double to = s.target() / unitNanos;
            double inStage = (from + to) / 2 * d;
            if (needed < inStage || (needed == 0 && inStage > 0)) {
                double a = (to - from) / (2 * d);
                double t = Math.abs(a) < 1e-30
                        ? needed / from
                        : (-from + Math.sqrt(Math.max(0, from * from + 4 * a * needed))) / (2 * a);
                return Math.round(offset + t);
            }
            needed -= inStage;
            offset += d;
            from = to;
        }
        return -1;
    }
}
