package jload.engine.plan;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Options given on the command line, or through K6_* / JLOAD_* environment variables: they win
 * over the script's options. Null means "not given".
 */
public record CliOverrides(
        Integer vus,
        Duration duration,
        Long iterations,
        List<Stage> stages,
        Map<String, String> tags,
        List<String> summaryTrendStats,
        Boolean noThresholds,
        Boolean throwErrors) {

    public static CliOverrides none() {
        return new CliOverrides(null, null, null, null, Map.of(), null, null, null);
    }

    /** Whether duration, iterations or stages were given: then the script's own (and its scenarios) are replaced, as in k6. */
    boolean setsExecution() {
        return duration != null || iterations != null || stages != null;
    }

    /**
     * This, with every option still unset taken from {@code lower}. As in k6, duration, iterations
     * and stages go together: setting any of them here replaces all three from below.
     */
    public CliOverrides over(CliOverrides lower) {
        java.util.Map<String, String> mergedTags = new java.util.LinkedHashMap<>(lower.tags);
        mergedTags.putAll(tags);
        boolean execHere = duration != null || iterations != null || stages != null;
        return new CliOverrides(
                vus != null ? vus : lower.vus,
                execHere ? duration : lower.duration,
                execHere ? iterations : lower.iterations,
                execHere ? stages : lower.stages,
                mergedTags,
                summaryTrendStats != null ? summaryTrendStats : lower.summaryTrendStats,
                noThresholds != null ? noThresholds : lower.noThresholds,
                throwErrors != null ? throwErrors : lower.throwErrors);
    }

    /** The K6_* and JLOAD_* variables k6 reads as options (JLOAD_ wins when both are set). */
    public static CliOverrides fromEnvironment(Map<String, String> env) {
        java.util.function.Function<String, String> get = name -> {
            String v = env.get("JLOAD_" + name);
            return v != null ? v : env.get("K6_" + name);
        };
        String vus = get.apply("VUS");
        String duration = get.apply("DURATION");
        String iterations = get.apply("ITERATIONS");
        String stages = get.apply("STAGES");
        String trend = get.apply("SUMMARY_TREND_STATS");
        String noThresholds = get.apply("NO_THRESHOLDS");
        String throwErrors = get.apply("THROW");
        return new CliOverrides(
                vus == null ? null : parseInt("K6_VUS", vus),
                duration == null ? null : K6Duration.parse(duration, "K6_DURATION"),
                iterations == null ? null : parseLong("K6_ITERATIONS", iterations),
                stages == null ? null : java.util.Arrays.stream(stages.split(",")).map(String::trim).map(Stage::parseFlag).toList(),
                Map.of(),
                trend == null ? null : List.of(trend.split(",")),
                noThresholds == null ? null : Boolean.parseBoolean(noThresholds),
                throwErrors == null ? null : Boolean.parseBoolean(throwErrors));
    }

    private static long parseLong(String what, String text) {
        try {
            long n = Long.parseLong(text.trim());
            if (n < 0) throw new NumberFormatException();
            return n;
        } catch (NumberFormatException e) {
            throw new ConfigException(what + ": '" + text + "' is not a whole number ≥ 0");
        }
    }

    private static int parseInt(String what, String text) {
        try {
            int n = Integer.parseInt(text.trim());
            if (n < 0) throw new NumberFormatException();
            return n;
        } catch (NumberFormatException e) {
            throw new ConfigException(what + ": '" + text + "' is not a whole number ≥ 0");
        }
    }
}
