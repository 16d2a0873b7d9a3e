package jload.engine.exec;

import java.time.Duration;
import java.util.Set;
import jload.engine.plan.ConfigException;
import jload.engine.plan.K6Duration;
import jload.engine.plan.OptionReader;

/** A fixed number of iterations shared by a fixed number of VUs; faster VUs do more of them. */
public record SharedIterationsConfig(ScenarioCommon common, int vus, long iterations, Duration maxDuration)
        implements ScenarioConfig {
    static final Set<String> FIELDS = Set.of("vus", "iterations", "maxDuration");
    static final Duration DEFAULT_MAX_DURATION = Duration.ofMinutes(10);

    public SharedIterationsConfig {
        if (iterations < vus) {
            throw new ConfigException("scenarios." + common.name() + ": the number of iterations (" + iterations
                    + ") can't be less than the number of VUs (" + vus + ")");
        }
    }

    static SharedIterationsConfig read(ScenarioCommon common, OptionReader r) {
        return new SharedIterationsConfig(common, (int) r.integer("vus", 1, 1), r.integer("iterations", 1, 1),
                r.duration("maxDuration", DEFAULT_MAX_DURATION));
    }

    @Override
    public int maxVus() {
        return vus;
    }

    @Override
    public String describe() {
        return iterations + " iterations shared among " + vus + " VUs (maxDuration: "
                + K6Duration.format(maxDuration) + ", " + common.gracefulStopNote() + ")";
    }

    @Override
    public Executor newExecutor() {
        return new SharedIterations(this);
    }
}
