package jload.engine.exec;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import jload.engine.plan.OptionReader;

/** The options every k6 scenario has, whatever its executor. */
public record ScenarioCommon(
        String name,
        String executor,
        Duration startTime,
        Duration gracefulStop,
        String exec,
        Map<String, String> env,
        Map<String, String> tags) {

    public static final Set<String> FIELDS = Set.of("executor", "startTime", "gracefulStop", "exec", "env", "tags");
    static final Duration DEFAULT_GRACEFUL_STOP = Duration.ofSeconds(30);

    static ScenarioCommon read(String name, OptionReader r) {
        return new ScenarioCommon(name, r.string("executor", ""),
                r.duration("startTime", Duration.ZERO),
                r.duration("gracefulStop", DEFAULT_GRACEFUL_STOP),
                r.string("exec", "default"),
                Map.copyOf(r.stringMap("env")),
                Map.copyOf(r.stringMap("tags")));
    }

    /** k6's suffix in scenario descriptions. */
    String gracefulStopNote() {
        return "gracefulStop: " + jload.engine.plan.K6Duration.format(gracefulStop);
    }
}
