package jload.engine.exec;

import java.time.Duration;
import java.util.Set;
import jload.engine.plan.K6Duration;
import jload.engine.plan.OptionReader;

/** Each of a fixed number of VUs runs the same number of iterations. */
public record PerVuIterationsConfig(ScenarioCommon common, int vus, long iterations, Duration maxDuration)
        implements ScenarioConfig {
    static final Set<String> FIELDS = Set.of("vus", "iterations", "maxDuration");

    static PerVuIterationsConfig read(ScenarioCommon common, OptionReader r) {
        return new PerVuIterationsConfig(common, (int) r.integer("vus", 1, 1), r.integer("iterations", 1, 1),
                r.duration("maxDuration", SharedIterationsConfig.DEFAULT_MAX_DURATION));
    }

    @Override
    public int maxVus() {
        return vus;
    }

    @Override
    public String describe() {
        return iterations + " iterations for each of " + vus + " VUs (maxDuration: "
                + K6Duration.format(maxDuration) + ", " + common.gracefulStopNote() + ")";
    }

    @Override
    public Executor newExecutor() {
        return new PerVuIterations(this);
    }
}
