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
        Duration teardownTimeout) {

    /** VUs to initialise before the start: enough for every scenario's pre-allocated VUs at once. */
    public int initialVus() {
        int sum = 0;
        for (ScenarioConfig s : scenarios) sum += s.preAllocatedVus();
        return sum;
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
