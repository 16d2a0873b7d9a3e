package jload.engine.thresholds;

/**
 * The comparison in a threshold expression.
 *
 * <p>The declaration order is the order k6 searches for operators in the expression text. k6 splits
 * on the first operator of this list that occurs anywhere, so two-character operators must be
 * tried before their one-character prefixes ({@code <=} before {@code <}, {@code ===} before
 * {@code ==}); keeping the same order keeps the same accepted language, oddities included.
 */
public enum ComparisonOperator {
    LESS_OR_EQUAL("<="),
    LESS("<"),
    GREATER_OR_EQUAL(">="),
    GREATER(">"),
    STRICTLY_EQUAL("==="),
    LOOSELY_EQUAL("=="),
    NOT_EQUAL("!=");

    private final String token;

    ComparisonOperator(String token) {
        this.token = token;
    }

    public String token() {
        return token;
    }

    /**
     * Whether {@code observed operator limit} holds. Plain IEEE comparison like k6's Go code, so a
     * NaN observation fails every operator except {@code !=}. {@code ===} equals {@code ==} because
     * both sides are always plain numbers.
     */
    public boolean test(double observed, double limit) {
        return switch (this) {
            case LESS_OR_EQUAL -> observed <= limit;
            case LESS -> observed < limit;
            case GREATER_OR_EQUAL -> observed >= limit;
            case GREATER -> observed > limit;
            case STRICTLY_EQUAL, LOOSELY_EQUAL -> observed == limit;
            case NOT_EQUAL -> observed != limit;
        };
    }
}
