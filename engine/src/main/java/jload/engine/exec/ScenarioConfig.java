package jload.engine.exec;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import jload.engine.plan.ConfigException;
import jload.engine.plan.OptionReader;

/** One scenario's configuration: which executor runs it and how. Immutable. */
public sealed interface ScenarioConfig
        permits SharedIterationsConfig, PerVuIterationsConfig, ConstantVusConfig, RampingVusConfig,
                ConstantArrivalRateConfig, RampingArrivalRateConfig {

    ScenarioCommon common();

    /** The most VUs this scenario can have at once: they are initialised before the test starts. */
    int maxVus();

    /** The VUs initialised before the start; arrival-rate executors may add more up to {@link #maxVus()}. */
    default int preAllocatedVus() {
        return maxVus();
    }

    /** How long the scenario runs at most, without its graceful stop. */
    Duration maxDuration();

    /** k6's one-line description, e.g. "10 looping VUs for 30s (gracefulStop: 30s)". */
    String describe();

    Executor newExecutor();

    default String name() {
        return common().name();
    }

    /** Reads one entry of {@code options.scenarios}. */
    static ScenarioConfig read(String name, OptionReader r) {
        ScenarioCommon common = ScenarioCommon.read(name, r);
        String executor = common.executor();
        return switch (executor) {
            case "shared-iterations" -> SharedIterationsConfig.read(common, checked(r, SharedIterationsConfig.FIELDS));
            case "per-vu-iterations" -> PerVuIterationsConfig.read(common, checked(r, PerVuIterationsConfig.FIELDS));
            case "constant-vus" -> ConstantVusConfig.read(common, checked(r, ConstantVusConfig.FIELDS));
            case "ramping-vus" -> RampingVusConfig.read(common, checked(r, RampingVusConfig.FIELDS));
            case "constant-arrival-rate" -> ConstantArrivalRateConfig.read(common, checked(r, ConstantArrivalRateConfig.FIELDS));
            case "ramping-arrival-rate" -> RampingArrivalRateConfig.read(common, checked(r, RampingArrivalRateConfig.FIELDS));
            case "" -> throw new ConfigException(r.name("executor") + ": required; expected one of " + EXECUTORS);
            default -> throw new ConfigException(r.name("executor") + ": unknown executor '" + executor
                    + "'; expected one of " + EXECUTORS);
        };
    }

    String EXECUTORS = "shared-iterations, per-vu-iterations, constant-vus, ramping-vus, constant-arrival-rate, ramping-arrival-rate";

    private static OptionReader checked(OptionReader r, Set<String> own) {
        Set<String> known = new HashSet<>(ScenarioCommon.FIELDS);
        known.addAll(own);
        r.rejectUnknown(known);
        return r;
    }
}
