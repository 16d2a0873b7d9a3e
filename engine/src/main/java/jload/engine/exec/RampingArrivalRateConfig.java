package jload.engine.exec;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import jload.engine.plan.ConfigException;
import jload.engine.plan.K6Duration;
import jload.engine.plan.OptionReader;
import jload.engine.plan.Stage;

/** Iterations started at a rate that moves linearly through stages (an open model). */
public record RampingArrivalRateConfig(ScenarioCommon common, long startRate, Duration timeUnit, List<Stage> stages,
                                       int preAllocatedVus, int maxVus) implements ScenarioConfig {
    static final Set<String> FIELDS = Set.of("startRate", "timeUnit", "stages", "preAllocatedVUs", "maxVUs");

    public RampingArrivalRateConfig {
        if (stages.isEmpty()) throw new ConfigException("scenarios." + common.name() + ".stages: at least one stage is required");
        if (maxVus < preAllocatedVus) {
            throw new ConfigException("scenarios." + common.name() + ".maxVUs: must be ≥ preAllocatedVUs (" + preAllocatedVus + ")");
        }
        if (timeUnit.isZero() || timeUnit.isNegative()) {
            throw new ConfigException("scenarios." + common.name() + ".timeUnit: must be > 0");
        }
        stages = List.copyOf(stages);
    }

    static RampingArrivalRateConfig read(ScenarioCommon common, OptionReader r) {
        int pre = (int) r.requiredInteger("preAllocatedVUs", 1);
        return new RampingArrivalRateConfig(common, r.integer("startRate", 0, 0),
                r.duration("timeUnit", Duration.ofSeconds(1)), r.stages("stages"),
                pre, (int) r.integer("maxVUs", pre, 1));
    }

    @Override
    public Duration maxDuration() {
        Duration d = Duration.ZERO;
        for (Stage s : stages) d = d.plus(s.duration());
        return d;
    }

    @Override
    public String describe() {
        long max = startRate;
        for (Stage s : stages) max = Math.max(max, s.target());
        return String.format(java.util.Locale.ROOT, "Up to %.2f iterations/s for %s over %d stages (maxVUs: %d, %s)",
                max * 1e9 / timeUnit.toNanos(), K6Duration.format(maxDuration()), stages.size(), maxVus,
                common.gracefulStopNote());
    }

    @Override
    public Executor newExecutor() {
        return new RampingArrivalRate(this);
    }
}
