package jload.engine.output.summary;

/**
 * Human-readable durations exactly as k6's summary prints them ({@code 1.23ms}, {@code 123µs},
 * {@code 3.5s}, {@code 1m2s}, {@code 1h0m5s}). Inputs are milliseconds, k6's unit for time metrics.
 */
public final class Durations {
    private Durations() {}

    /**
     * Formats {@code ms}; a {@code summaryTimeUnit} of {@code s}, {@code ms} or {@code us} forces a fixed
     * unit with two decimals (k6's {@code --summary-time-unit}), anything else picks the unit automatically.
     */
    public static String humanize(double ms, String timeUnit) {
        if (timeUnit != null) {
            switch (timeUnit) {
                case "s": return JsNumbers.toFixed(ms * 0.001, 2) + "s";
                case "ms": return JsNumbers.toFixed(ms, 2) + "ms";
                case "us": return JsNumbers.toFixed(ms * 1000, 2) + "µs";
                default: break;
            }
        }
        return humanize(ms);
    }

    /** Automatic unit selection; values are truncated, not rounded, like k6. */
    public static String humanize(double ms) {
        if (ms == 0) return "0s";
        if (ms < 0.001) return JsNumbers.toJsString(JsNumbers.trunc(ms * 1_000_000)) + "ns";
        if (ms < 1) return JsNumbers.toFixedNoTrailingZerosTrunc(ms * 1000, 2) + "µs";
        if (ms < 1000) return JsNumbers.toFixedNoTrailingZerosTrunc(ms, 2) + "ms";

        // Past one minute k6 drops the sub-second part of the seconds field.
        String result = JsNumbers.toFixedNoTrailingZerosTrunc((ms % 60000) / 1000, ms > 60000 ? 0 : 2) + "s";
        double rem = JsNumbers.trunc(ms / 60000);
        if (rem < 1) return result;
        result = JsNumbers.toJsString(rem % 60) + "m" + result;
        rem = JsNumbers.trunc(rem / 60);
        if (rem < 1) return result;
        return JsNumbers.toJsString(rem) + "h" + result;
    }
}
