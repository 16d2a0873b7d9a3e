package jload.engine.thresholds;

import java.util.Arrays;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.stream.Collectors;

/**
 * One k6 threshold condition such as {@code p(95)<200}: an aggregation, an operator and a number.
 *
 * <p>Parsing mirrors k6: the text is split at the first operator found (see
 * {@link ComparisonOperator} for the search order), blanks around both sides are ignored, and each
 * side must then be exact: no blanks inside {@code p(...)}, no units after the number. The number
 * on either side uses Go's float syntax ({@code 200}, {@code -1}, {@code 0.5}, {@code .5},
 * {@code 1e3}). One deliberate difference: k6 accepts a bare {@code p} (silently meaning
 * {@code p(0)}) and percentiles outside 0..100 (which then crash its percentile code); both are
 * rejected here with an explanation.
 */
public final class ThresholdExpression {

    private static final String FORM =
            "expected <aggregation> <operator> <number>, for example \"p(95)<200\" or \"rate<0.01\"";
    private static final String OPERATORS = Arrays.stream(ComparisonOperator.values())
            .map(ComparisonOperator::token)
            .collect(Collectors.joining(" "));
    private static final String AGGREGATIONS = "avg, min, max, med, p(N), count, rate, value";

    private final String source;
    private final Aggregation aggregation;
    private final double percentile;
    private final ComparisonOperator operator;
    private final double limit;

    private ThresholdExpression(String source, Aggregation aggregation, double percentile,
                                ComparisonOperator operator, double limit) {
        this.source = source;
        this.aggregation = aggregation;
        this.percentile = percentile;
        this.operator = operator;
        this.limit = limit;
    }

    public static ThresholdExpression parse(String source) {
        Objects.requireNonNull(source, "source");
        for (ComparisonOperator op : ComparisonOperator.values()) {
            int at = source.indexOf(op.token());
            if (at < 0) continue;
            String left = source.substring(0, at).strip();
            String right = source.substring(at + op.token().length()).strip();
            return build(source, left, op, right);
        }
        throw invalid(source, "no comparison operator found (one of " + OPERATORS + "); " + FORM);
    }

    private static ThresholdExpression build(String source, String left, ComparisonOperator op, String right) {
        if (left.isEmpty()) {
            throw invalid(source, "the aggregation method before \"" + op.token() + "\" is missing; " + FORM);
        }
        Aggregation aggregation = Aggregation.ofKeyword(left);
        double percentile = Double.NaN;
        if (aggregation == null) {
            if (!(left.startsWith("p(") && left.endsWith(")"))) {
                throw invalid(source, "unknown aggregation method \"" + left + "\"; expected one of " + AGGREGATIONS);
            }
            aggregation = Aggregation.PERCENTILE;
            percentile = parsePercentile(source, left);
        }
        if (right.isEmpty()) {
            throw invalid(source, "the number after \"" + op.token() + "\" is missing; " + FORM);
        }
        OptionalDouble limit = GoFloatText.parse(right);
        if (limit.isEmpty()) {
            throw invalid(source, "\"" + right + "\" after \"" + op.token()
                    + "\" is not a number; expected a plain number without units, for example "
                    + left + op.token() + "200");
        }
        return new ThresholdExpression(source, aggregation, percentile, op, limit.getAsDouble());
    }

    private static double parsePercentile(String source, String left) {
        String inside = left.substring(2, left.length() - 1);
        OptionalDouble value = GoFloatText.parse(inside);
        if (value.isEmpty() || !(value.getAsDouble() >= 0 && value.getAsDouble() <= 100)) {
            throw invalid(source, "malformed percentile \"" + left
                    + "\"; expected p(N) with N a number from 0 to 100, for example p(95) or p(99.9)");
        }
        // -0 would otherwise produce the key "p(-0)"; it means the same percentile as 0.
        return value.getAsDouble() + 0.0;
    }

    private static ThresholdException invalid(String source, String reason) {
        return new ThresholdException("invalid threshold expression \"" + source + "\": " + reason);
    }

    /** The expression exactly as written, which is how k6 displays it. */
    public String source() {
        return source;
    }

    public Aggregation aggregation() {
        return aggregation;
    }

    /** N of {@code p(N)} on the 0..100 scale; NaN unless {@link #aggregation()} is PERCENTILE. */
    public double percentile() {
        return percentile;
    }

    public ComparisonOperator operator() {
        return operator;
    }

    /** The number on the right-hand side. */
    public double limit() {
        return limit;
    }

    /**
     * The name under which the engine must supply the value this expression compares, see
     * {@link MetricValues}. Keywords are themselves ({@code avg}, {@code rate}, ...). Percentiles
     * are rebuilt from the parsed number the way k6 builds its lookup key ({@code "p(%g)"} in Go):
     * shortest digits, no trailing zeros, so {@code p(95)}, {@code p(95.0)} and {@code p(95.00)} all
     * become {@code p(95)}, {@code p(99.9)} stays {@code p(99.9)}, {@code p(.5)} becomes
     * {@code p(0.5)} and {@code p(0.00001)} becomes {@code p(1e-05)}. The engine should take the key
     * from here rather than re-derive it, and compute the percentile from {@link #percentile()}.
     */
    public String aggregationKey() {
        if (aggregation == Aggregation.PERCENTILE) {
            return "p(" + GoFloatText.formatG(percentile) + ")";
        }
        return aggregation.token();
    }

    /** Whether this threshold holds for the given aggregated value. */
    public boolean evaluate(double observed) {
        return operator.test(observed, limit);
    }

    public boolean isSupportedBy(MetricKind kind) {
        return kind.supports(aggregation);
    }

    /**
     * Refuses aggregations the metric cannot produce, with k6's reasoning: an {@code avg} threshold
     * on a counter can never be evaluated, so it is a configuration error, not a failing threshold.
     */
    public void validateFor(MetricKind kind, String metricKey) {
        if (isSupportedBy(kind)) return;
        throw new ThresholdException("invalid threshold \"" + source + "\" on metric \"" + metricKey
                + "\": the " + kind.k6Name() + " metric does not support the aggregation method \""
                + (aggregation == Aggregation.PERCENTILE ? "p(N)" : aggregation.token())
                + "\"; supported aggregation methods for " + kind.k6Name() + " metrics are: "
                + kind.supportedAggregationsText());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ThresholdExpression other && source.equals(other.source);
    }

    @Override
    public int hashCode() {
        return source.hashCode();
    }

    @Override
    public String toString() {
        return source;
    }
}
