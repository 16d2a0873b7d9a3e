package jload.engine.exec;

import java.time.Duration;
import java.util.List;
import java.util.OptionalDouble;
import jload.engine.metrics.Metric;
import jload.engine.metrics.MetricRegistry;
import jload.engine.metrics.MetricType;
import jload.engine.metrics.SeriesSnapshot;
import jload.engine.plan.ConfigException;
import jload.engine.thresholds.MetricKind;
import jload.engine.thresholds.MetricSelector;
import jload.engine.thresholds.MetricThresholds;
import jload.engine.thresholds.MetricValues;
import jload.engine.thresholds.ThresholdEvaluation;
import jload.engine.thresholds.ThresholdEvaluator;
import jload.engine.thresholds.ThresholdException;

/** Judges the plan's thresholds against the live metrics, during the run and at its end. */
public final class ThresholdJudge {
    private final MetricRegistry registry;
    private final ThresholdEvaluator evaluator;

    public ThresholdJudge(MetricRegistry registry, List<MetricThresholds> thresholds) {
        this.registry = registry;
        this.evaluator = new ThresholdEvaluator(thresholds);
    }

    /**
     * Checks every threshold names a known metric and an aggregation its type has, once the VUs'
     * init code has registered the custom metrics (as k6 does).
     *
     * @throws ConfigException naming the threshold and what was expected (exit 104)
     */
    public void validate() {
        java.util.List<String> problems = new java.util.ArrayList<>();
        for (MetricThresholds t : evaluator.thresholds()) {
            Metric m = registry.get(t.selector().metricName());
            try {
                if (m == null) throw ThresholdException.noSuchMetric(t.selector());
                t.validateFor(kind(m.type()));
            } catch (ThresholdException e) {
                problems.add(e.getMessage());
            }
        }
        // Every one at once: fixing them one run at a time is a slow way to port a script.
        if (problems.size() == 1) throw new ConfigException(problems.getFirst());
        if (!problems.isEmpty()) {
            throw new ConfigException(problems.size() + " invalid thresholds:\n  " + String.join("\n  ", problems));
        }
    }

    public boolean isEmpty() {
        return evaluator.thresholds().isEmpty();
    }

    public ThresholdEvaluation duringRun(double elapsedSeconds) {
        return evaluator.evaluateDuringRun(s -> values(s, elapsedSeconds), seconds(elapsedSeconds));
    }

    public ThresholdEvaluation atEnd(double elapsedSeconds) {
        return evaluator.evaluateAtEnd(s -> values(s, elapsedSeconds), seconds(elapsedSeconds));
    }

    private static Duration seconds(double s) {
        return Duration.ofNanos((long) (s * 1e9));
    }

    private MetricValues values(MetricSelector selector, double elapsedSeconds) {
        Metric m = registry.get(selector.metricName());
        if (m == null) return MetricValues.empty();
        SeriesSnapshot snap = selector.tags().isEmpty() ? m.snapshot() : m.snapshot(selector.tags());
        boolean hasSamples = snap.hasSamples();
        return new MetricValues() {
            @Override
            public OptionalDouble value(String key) {
                if (!hasSamples) {
                    // k6's sinks start at zero, except a rate, which has no value until its first sample.
                    return m.type() == MetricType.RATE ? OptionalDouble.empty() : OptionalDouble.of(0);
                }
                double v = snap.value(key, elapsedSeconds);
                return Double.isNaN(v) ? OptionalDouble.empty() : OptionalDouble.of(v);
            }

            @Override
            public boolean hasSamples() {
                return hasSamples;
            }
        };
    }

    static MetricKind kind(MetricType type) {
        return switch (type) {
            case COUNTER -> MetricKind.COUNTER;
            case GAUGE -> MetricKind.GAUGE;
            case RATE -> MetricKind.RATE;
            case TREND -> MetricKind.TREND;
        };
    }
}
