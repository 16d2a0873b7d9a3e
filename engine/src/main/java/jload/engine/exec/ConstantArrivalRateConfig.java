package jload.engine.exec;

import java.time.Duration;
import java.util.Set;
import jload.engine.plan.ConfigException;
import jload.engine.plan.K6Duration;
import jload.engine.plan.OptionReader;

/** Iterations started at a fixed rate, whatever the system under test does (an open model). */
public record ConstantArrivalRateConfig(ScenarioCommon common, long rate, Duration timeUnit, Duration duration,
                                        int preAllocatedVus, int maxVus) implements ScenarioConfig {
    static final Set<String> FIELDS = Set.of("rate", "timeUnit", "duration", "preAllocatedVUs", "maxVUs");

    public ConstantArrivalRateConfig {
        if (maxVus < preAllocatedVus) {
            throw new ConfigException("scenarios." + common.name() + ".maxVUs: must be ≥ preAllocatedVUs (" + preAllocatedVus + ")");
        }
        if (timeUnit.isZero() || timeUnit.isNegative()) {
            throw new ConfigException("scenarios." + common.name() + ".timeUnit: must be > 0");
        }
    }

    static ConstantArrivalRateConfig read(ScenarioCommon common, OptionReader r) {
        int pre = (int) r.requiredInteger("preAllocatedVUs", 1);
        return new ConstantArrivalRateConfig(common, r.requiredInteger("rate", 1),
                r.duration("timeUnit", Duration.ofSeconds(1)), r.requiredDuration("duration"),
                pre, (int) r.integer("maxVUs", pre, 1));
    }

    @Override
    public Duration maxDuration() {
        return duration;
    }

    @Override
    public String describe() {
        return String.format(java.util.Locale.ROOT, "%.2f iterations/s for %s (maxVUs: %d, %s)",
                rate * 1e9 / timeUnit.toNanos(), K6Duration.format(duration), maxVus, common.gracefulStopNote());
    }

    @Override
    public Executor newExecutor() {
        return new ConstantArrivalRate(this);
    }
}
