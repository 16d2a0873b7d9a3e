package jload.engine.exec;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import jload.engine.plan.ConfigException;
import jload.engine.plan.K6Duration;
import jload.engine.plan.OptionReader;
import jload.engine.plan.Stage;

/** A number of looping VUs that moves linearly through stages. */
public record RampingVusConfig(ScenarioCommon common, int startVus, List<Stage> stages, Duration gracefulRampDown)
        implements ScenarioConfig {
    static final Set<String> FIELDS = Set.of("startVUs", "stages", "gracefulRampDown");

    public RampingVusConfig {
        if (stages.isEmpty()) throw new ConfigException("scenarios." + common.name() + ".stages: at least one stage is required");
        stages = List.copyOf(stages);
    }

    static RampingVusConfig read(ScenarioCommon common, OptionReader r) {
        return new RampingVusConfig(common, (int) r.integer("startVUs", 1, 0), r.stages("stages"),
                r.duration("gracefulRampDown", ScenarioCommon.DEFAULT_GRACEFUL_STOP));
    }

    @Override
    public int maxVus() {
        long max = startVus;
        for (Stage s : stages) max = Math.max(max, s.target());
        return (int) max;
    }

    @Override
    public Duration maxDuration() {
        Duration d = Duration.ZERO;
        for (Stage s : stages) d = d.plus(s.duration());
        return d;
    }

    /** The number of VUs the stages ask for at {@code elapsed} (k6 rounds the linear ramp down). */
    long targetAt(Duration elapsed) {
        long from = startVus;
        long t = elapsed.toNanos();
        for (Stage s : stages) {
            long d = s.duration().toNanos();
            if (t < d) return d == 0 ? s.target() : from + (long) Math.floor((s.target() - from) * (double) t / d);
            t -= d;
            from = s.target();
        }
        return from;
    }

    @Override
    public String describe() {
        return "Up to " + maxVus() + " looping VUs for " + K6Duration.format(maxDuration()) + " over "
                + stages.size() + " stages (gracefulRampDown: " + K6Duration.format(gracefulRampDown) + ", "
                + common.gracefulStopNote() + ")";
    }

    @Override
    public Executor newExecutor() {
        return new RampingVus(this);
    }
}
