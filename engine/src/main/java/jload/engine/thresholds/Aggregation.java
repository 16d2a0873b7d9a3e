package jload.engine.thresholds;

/**
 * The left-hand side of a k6 threshold expression: which aggregated value of the metric is compared.
 *
 * <p>{@link #PERCENTILE} is the only parametrised one ({@code p(N)}); its N lives on
 * {@link ThresholdExpression}.
 */
public enum Aggregation {
    COUNT("count"),
    RATE("rate"),
    VALUE("value"),
    AVG("avg"),
    MIN("min"),
    MAX("max"),
    MED("med"),
    PERCENTILE("p(N)");

    private final String token;

    Aggregation(String token) {
        this.token = token;
    }

    /** The spelling used in scripts; {@code p(N)} for percentiles, as shown to users in messages. */
    public String token() {
        return token;
    }

    /** The keyword aggregation spelled exactly {@code text}, or null (percentiles are not keywords). */
    static Aggregation ofKeyword(String text) {
        for (Aggregation a : values()) {
            if (a != PERCENTILE && a.token.equals(text)) return a;
        }
        return null;
    }
}
