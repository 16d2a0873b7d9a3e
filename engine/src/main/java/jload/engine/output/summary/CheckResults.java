package jload.engine.output.summary;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The checks block: the {@code checks_total / checks_succeeded / checks_failed} lines and the per-check list.
 *
 * <p>k6 keys check results by name alone, so equal names from different groups add up into one line.
 */
record CheckResults(SummaryMetric total, SummaryMetric succeeded, SummaryMetric failed, List<Check> checks) {

    record Check(String name, double passes, double fails) {}

    /**
     * For TOTAL RESULTS: every check of the run, depth-first from the root group. Counts come from the
     * {@code checks} rate metric when present (k6's source of truth), else from the check list.
     * Returns null when the run had no checks, which hides the block as in k6.
     */
    static CheckResults forRun(JsonNode rootGroup, SummaryMetric checksMetric, double testRunDurationMs) {
        Map<String, Check> merged = new LinkedHashMap<>();
        collect(rootGroup, merged, true);
        if (checksMetric == null && merged.isEmpty()) return null;
        double passes;
        double fails;
        if (checksMetric != null) {
            passes = checksMetric.value("passes");
            fails = checksMetric.value("fails");
        } else {
            passes = merged.values().stream().mapToDouble(Check::passes).sum();
            fails = merged.values().stream().mapToDouble(Check::fails).sum();
        }
        return of(passes, fails, checksMetric == null ? null : checksMetric.values(), testRunDurationMs,
                new ArrayList<>(merged.values()));
    }

    /** For a {@code █ GROUP:} section: only the checks made directly inside that group. */
    static CheckResults forGroup(JsonNode group, double testRunDurationMs) {
        Map<String, Check> merged = new LinkedHashMap<>();
        collect(group, merged, false);
        if (merged.isEmpty()) return null;
        double passes = merged.values().stream().mapToDouble(Check::passes).sum();
        double fails = merged.values().stream().mapToDouble(Check::fails).sum();
        return of(passes, fails, null, testRunDurationMs, new ArrayList<>(merged.values()));
    }

    private static CheckResults of(double passes, double fails, Map<String, Double> checksValues,
                                   double durationMs, List<Check> checks) {
        double total = passes + fails;
        Map<String, Double> totalValues = new LinkedHashMap<>();
        totalValues.put("count", total);
        totalValues.put("rate", durationMs == 0 ? 0 : total / (durationMs / 1000));

        Map<String, Double> okValues = checksValues != null ? checksValues : Map.of(
                "rate", rate(passes, total), "passes", passes, "fails", fails);

        // k6 fills checks_failed inverted on purpose: its "passes" are the failed checks.
        Map<String, Double> failedValues = Map.of("passes", fails, "fails", passes, "rate", rate(fails, total));

        return new CheckResults(
                new SummaryMetric("checks_total", "counter", "default", totalValues, List.of()),
                new SummaryMetric("checks_succeeded", "rate", "default", okValues, List.of()),
                new SummaryMetric("checks_failed", "rate", "default", failedValues, List.of()),
                checks);
    }

    /** A rate with no samples is 0, as k6's Rate sink reports it (not 0/0). */
    private static double rate(double part, double total) {
        return total == 0 ? 0 : part / total;
    }

    private static void collect(JsonNode group, Map<String, Check> into, boolean recurse) {
        if (group == null || group.isMissingNode()) return;
        for (JsonNode c : group.path("checks")) {
            String name = c.path("name").asText("");
            double p = c.path("passes").asDouble(0);
            double f = c.path("fails").asDouble(0);
            into.merge(name, new Check(name, p, f),
                    (a, b) -> new Check(a.name(), a.passes() + b.passes(), a.fails() + b.fails()));
        }
        if (recurse) {
            for (JsonNode g : group.path("groups")) collect(g, into, true);
        }
    }
}
