package jload.engine.exec;

import java.time.Duration;
import java.util.Set;
import jload.engine.plan.K6Duration;
import jload.engine.plan.OptionReader;

/** A fixed number of VUs looping for a fixed time. */
public record ConstantVusConfig(ScenarioCommon common, int vus, Duration duration) implements ScenarioConfig {
    static final Set<String> FIELDS = Set.of("vus", "duration");

    static ConstantVusConfig read(ScenarioCommon common, OptionReader r) {
        return new ConstantVusConfig(common, (int) r.integer("vus", 1, 1), r.requiredDuration("duration"));
    }

    @Override
    public int maxVus() {
        return vus;
    }

    @Override
    public Duration maxDuration() {
        return duration;
    }

    @Override
    public String describe() {
        return vus + " looping VUs for " + K6Duration.format(duration) + " (" + common.gracefulStopNote() + ")";
    }

    @Override
    public Executor newExecutor() {
        return new ConstantVus(this);
    }
}
