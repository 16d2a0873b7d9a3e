package jload.engine.thresholds;

/**
 * The outcome of one threshold in one evaluation.
 *
 * @param selectorKey      the {@code options.thresholds} key as written
 * @param expressionSource the expression as written, e.g. {@code p(95)<200}
 * @param ok               false only when the threshold was evaluated and did not hold
 * @param observed         the value compared, or NaN when not evaluated
 * @param evaluated        false when no value was available (see {@link MetricValues}); such a
 *                         threshold is reported ok, because k6 does not fail the test for it
 * @param abortOnFail      copied from the threshold, for reporting
 */
public record ThresholdResult(String selectorKey, String expressionSource, boolean ok, double observed,
                              boolean evaluated, boolean abortOnFail) {

    public boolean failed() {
        return !ok;
    }
}
