package jload.engine.output.summary;

/** k6's {@code --summary-mode}: compact (default) shows totals only, full adds one section per group. */
public enum SummaryMode {
    COMPACT,
    FULL;

    /** Parses k6's option value; empty or null means the default, compact. */
    public static SummaryMode parse(String value) {
        if (value == null || value.isEmpty() || value.equals("compact")) return COMPACT;
        if (value.equals("full")) return FULL;
        throw new IllegalArgumentException("invalid summary mode: " + value);
    }
}
