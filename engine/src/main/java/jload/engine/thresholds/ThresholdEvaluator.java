package jload.engine.thresholds;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.function.Function;

/**
 * Runs all thresholds against the engine's aggregates, with k6's two evaluation moments: every
 * couple of seconds during the run (to honour abortOnFail) and once at the end (for the verdict).
 *
 * <p>No data: when the engine has no value for an aggregation, the threshold is not evaluated and
 * counts as passed ({@code ok=true, evaluated=false, observed=NaN}). In k6 that only happens for a
 * rate metric without samples; it logs an error and does not mark the metric as breached. Other
 * metric types without samples are compared as zero in k6, which the engine reproduces by
 * supplying zeros (see {@link MetricValues}); so {@code p(95)<200} passes on an empty trend but
 * {@code count>0} fails on an empty counter, as in k6.
 *
 * <p>Stateless: k6 keeps an "abort" flag per metric between evaluations, but the first evaluation
 * that sets it stops the test, so recomputing it each time gives the same decisions.
 */
public final class ThresholdEvaluator {

    private final List<MetricThresholds> thresholds;

    public ThresholdEvaluator(List<MetricThresholds> thresholds) {
        this.thresholds = List.copyOf(thresholds);
    }

    public List<MetricThresholds> thresholds() {
        return thresholds;
    }

    /**
     * The periodic check during the run: selectors whose values report no samples are skipped
     * (results with {@code evaluated=false}), so an idle metric can never abort the test early.
     */
    public ThresholdEvaluation evaluateDuringRun(Function<MetricSelector, MetricValues> valuesOf, Duration elapsed) {
        return evaluate(valuesOf, elapsed, true);
    }

    /** The final verdict: every selector is evaluated, sampled or not. */
    public ThresholdEvaluation evaluateAtEnd(Function<MetricSelector, MetricValues> valuesOf, Duration elapsed) {
        return evaluate(valuesOf, elapsed, false);
    }

    private ThresholdEvaluation evaluate(Function<MetricSelector, MetricValues> valuesOf, Duration elapsed,
                                         boolean skipUnsampled) {
        Objects.requireNonNull(elapsed, "elapsed");
        List<ThresholdResult> results = new ArrayList<>();
        boolean shouldAbort = false;
        for (MetricThresholds metric : thresholds) {
            MetricValues values = Objects.requireNonNull(valuesOf.apply(metric.selector()),
                    () -> "no values supplied for threshold key " + metric.selector().key());
            boolean skip = skipUnsampled && !values.hasSamples();
            for (Threshold threshold : metric.thresholds()) {
                ThresholdExpression expression = threshold.expression();
                OptionalDouble observed = skip ? OptionalDouble.empty() : values.value(expression.aggregationKey());
                if (observed.isEmpty()) {
                    results.add(new ThresholdResult(metric.selector().key(), expression.source(), true, Double.NaN,
                            false, threshold.abortOnFail()));
                    continue;
                }
                boolean ok = expression.evaluate(observed.getAsDouble());
                results.add(new ThresholdResult(metric.selector().key(), expression.source(), ok,
                        observed.getAsDouble(), true, threshold.abortOnFail()));
                if (!ok && threshold.abortsRunAt(elapsed)) shouldAbort = true;
            }
        }
        return new ThresholdEvaluation(results, shouldAbort);
    }
}
