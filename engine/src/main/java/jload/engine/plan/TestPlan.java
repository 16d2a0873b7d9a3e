package jload.engine.plan;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import jload.engine.exec.ScenarioConfig;
import jload.engine.thresholds.MetricThresholds;

/** Everything a run will do, resolved from the script's options, the environment and the CLI. Immutable. */
public record TestPlan(
        Path script,
        List<ScenarioConfig> scenarios,
        List<MetricThresholds> thresholds,
        boolean thresholdsEnabled,
        List<String> summaryTrendStats,
        Map<String, String> tags,
        Map<String, String> env,
        Duration setupTimeout,
        Duration teardownTimeout,
        boolean throwErrors,
        List<ScrapeOption> scrapes,
        HttpOptions http) {

    /**
     * VUs to initialise before the start: the most that scenarios running at the same time need
     * (k6 plans the same way). A scenario holds its VUs from its startTime until its duration and
     * graceful stop are over; VUs are handed from a finished scenario to a later one.
     */
    public int initialVus() {
        // Sweep over start and end events; at equal times, ends come first (a VU is free again).
        java.util.List<long[]> events = new java.util.ArrayList<>();
        for (ScenarioConfig s : scenarios) {
            long start = s.common().startTime().toNanos();
            long end = start + s.maxDuration().toNanos() + s.common().gracefulStop().toNanos();
            events.add(new long[] {start, s.preAllocatedVus()});
            events.add(new long[] {end, -s.preAllocatedVus()});
        }
        events.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
        long now = 0, peak = 0;
        for (long[] e : events) {
            now += e[1];
            peak = Math.max(peak, now);
        }
        return (int) peak;
    }

    /** The longest a run can take: the latest scenario end plus its graceful stop. */
    public Duration maxDuration() {
        Duration max = Duration.ZERO;
        for (ScenarioConfig s : scenarios) {
            Duration end = s.common().startTime().plus(s.maxDuration()).plus(s.common().gracefulStop());
            if (end.compareTo(max) > 0) max = end;
        }
        return max;
    }
}
