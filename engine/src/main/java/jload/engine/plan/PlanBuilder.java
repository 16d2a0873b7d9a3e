package jload.engine.plan;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import jload.engine.exec.ConstantVusConfig;
import jload.engine.exec.RampingVusConfig;
import jload.engine.exec.ScenarioCommon;
import jload.engine.exec.ScenarioConfig;
import jload.engine.exec.SharedIterationsConfig;
import jload.engine.metrics.TrendStat;
import jload.engine.thresholds.MetricThresholds;
import jload.engine.thresholds.ThresholdException;
import jload.engine.thresholds.ThresholdsConfig;

/**
 * Resolves one {@link TestPlan} from the script's exported options and the overrides (CLI over
 * environment over script), with k6's rules for turning shortcuts (vus, duration, iterations,
 * stages) into a scenario named "default".
 */
public final class PlanBuilder {
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    private PlanBuilder() {}

    public static TestPlan build(Path script, JsonNode scriptOptions, CliOverrides overrides,
                                 Map<String, String> env, Set<String> exportedFunctions, Consumer<String> warnings) {
        OptionReader options = new OptionReader(scriptOptions, "options");
        List<ScenarioConfig> scenarios = scenarios(options, overrides);
        if (scenarios.isEmpty()) throw new ConfigException("options.scenarios: no scenario to run");
        for (ScenarioConfig s : scenarios) {
            String exec = s.common().exec();
            if (!exportedFunctions.contains(exec)) {
                throw new ConfigException(exec.equals("default") && s.name().equals("default")
                        ? "the script exports no default function, and no scenario names another one to run"
                        : "options.scenarios." + s.name() + ".exec: the script exports no function named '" + exec + "'");
            }
        }

        List<MetricThresholds> thresholds;
        try {
            JsonNode raw = options.raw("thresholds");
            thresholds = raw == null || raw.isNull() ? List.of() : ThresholdsConfig.parse(raw, warnings);
        } catch (ThresholdException e) {
            throw new ConfigException(e.getMessage());
        }

        List<String> trendStats = overrides.summaryTrendStats() != null
                ? overrides.summaryTrendStats() : options.stringList("summaryTrendStats", TrendStat.DEFAULTS);
        for (String s : trendStats) {
            if (!TrendStat.isValid(s)) {
                throw new ConfigException("summaryTrendStats: '" + s + "' is not a trend statistic; expected avg, min, med, max, count or p(N)");
            }
        }

        Map<String, String> tags = new LinkedHashMap<>(options.stringMap("tags"));
        tags.putAll(overrides.tags());
        boolean thresholdsEnabled = !(overrides.noThresholds() != null ? overrides.noThresholds() : options.bool("noThresholds", false));

        return new TestPlan(script, List.copyOf(scenarios), thresholds, thresholdsEnabled, List.copyOf(trendStats),
                Map.copyOf(tags), Map.copyOf(env),
                options.duration("setupTimeout", DEFAULT_TIMEOUT), options.duration("teardownTimeout", DEFAULT_TIMEOUT),
                overrides.throwErrors() != null ? overrides.throwErrors() : options.bool("throw", false),
                ScrapeOption.read(options), HttpOptions.read(options));
    }

    /**
     * k6's consolidation: {@code vus} merges on its own; a layer that sets any of duration,
     * iterations or stages replaces all of them and the script's scenarios.
     */
    private static List<ScenarioConfig> scenarios(OptionReader options, CliOverrides cli) {
        Integer vus = cli.vus() != null ? cli.vus() : options.has("vus") ? (int) options.integer("vus", 1, 0) : null;
        if (cli.setsExecution()) {
            return List.of(fromShortcuts(vus, cli.duration(), cli.iterations(), cli.stages()));
        }
        Duration duration = options.has("duration") ? options.duration("duration", null) : null;
        Long iterations = options.has("iterations") ? options.integer("iterations", 1, 0) : null;
        List<Stage> stages = options.has("stages") ? options.stages("stages") : null;
        if (!options.has("scenarios")) return List.of(fromShortcuts(vus, duration, iterations, stages));
        for (String shortcut : List.of("duration", "iterations", "stages")) {
            if (options.has(shortcut)) {
                throw new ConfigException("options: '" + shortcut + "' and 'scenarios' cannot be used together; "
                        + "move it into a scenario");
            }
        }
        JsonNode node = options.raw("scenarios");
        if (!node.isObject()) throw new ConfigException("options.scenarios: expected an object of named scenarios");
        List<ScenarioConfig> list = new ArrayList<>();
        for (var e : node.properties()) {
            if (!e.getKey().matches("[a-zA-Z0-9_-]+")) {
                throw new ConfigException("options.scenarios." + e.getKey() + ": a scenario name may only contain letters, digits, '_' and '-'");
            }
            list.add(ScenarioConfig.read(e.getKey(), new OptionReader(e.getValue(), "options.scenarios." + e.getKey())));
        }
        return list;
    }

    /** k6's DeriveScenariosFromShortcuts. */
    private static ScenarioConfig fromShortcuts(Integer vus, Duration duration, Long iterations, List<Stage> stages) {
        ScenarioCommon common = new ScenarioCommon("default", "", Duration.ZERO, Duration.ofSeconds(30), "default",
                Map.of(), Map.of());
        int v = vus == null ? 1 : vus;
        if (iterations != null) {
            if (v == 0) throw new ConfigException("vus: must be ≥ 1 when iterations are given");
            return new SharedIterationsConfig(withExecutor(common, "shared-iterations"), v, iterations,
                    duration != null && !duration.isZero() ? duration : Duration.ofMinutes(10));
        }
        if (stages != null && !stages.isEmpty()) {
            return new RampingVusConfig(withExecutor(common, "ramping-vus"), v, stages, Duration.ofSeconds(30));
        }
        if (duration != null && !duration.isZero()) {
            if (v == 0) throw new ConfigException("vus: must be ≥ 1 when a duration is given");
            return new ConstantVusConfig(withExecutor(common, "constant-vus"), v, duration);
        }
        // Neither iterations nor duration: k6 runs one iteration per VU, shared.
        return new SharedIterationsConfig(withExecutor(common, "shared-iterations"), Math.max(1, v), Math.max(1, v),
                Duration.ofMinutes(10));
    }

    private static ScenarioCommon withExecutor(ScenarioCommon c, String executor) {
        return new ScenarioCommon(c.name(), executor, c.startTime(), c.gracefulStop(), c.exec(), c.env(), c.tags());
    }

    /** Names of the top-level options jload reads (others are accepted and ignored, as k6 does with unknown ones). */
    public static final Set<String> KNOWN_OPTIONS = Set.of("vus", "duration", "iterations", "stages", "scenarios",
            "thresholds", "summaryTrendStats", "tags", "noThresholds", "setupTimeout", "teardownTimeout", "throw", "scrape",
            "discardResponseBodies", "maxRedirects", "userAgent", "noConnectionReuse", "noVUConnectionReuse", "insecureSkipTLSVerify", "hosts", "batch", "batchPerHost",
            "tlsVersion", "tlsCipherSuites", "tlsAuth");
}
