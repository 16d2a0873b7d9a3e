package jload.engine.plan;

import java.time.Duration;

/**
 * k6's duration strings for options ({@code 30s}, {@code 1m30s}, {@code 500ms}, {@code 2d}, a bare
 * number as milliseconds), parsed by the same grammar as thresholds' delayAbortEval, with errors
 * that name the option.
 */
public final class K6Duration {
    private K6Duration() {}

    /** @param what the option being parsed, for the error message */
    public static Duration parse(String text, String what) {
        try {
            Duration d = jload.engine.thresholds.K6Duration.parse(text == null ? "" : text.trim());
            if (d.isNegative()) throw new ConfigException(what + ": '" + text + "' is negative; expected a duration ≥ 0");
            return d;
        } catch (jload.engine.thresholds.ThresholdException e) {
            throw new ConfigException(what + ": '" + text + "' is not a duration; expected e.g. 30s, 1m30s, 500ms or 2h");
        }
    }

    /** k6's way of printing a duration: {@code 1m30s}, {@code 500ms}, {@code 0s}. */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms == 0) return "0s";
        if (ms < 1000) return ms + "ms";
        StringBuilder sb = new StringBuilder();
        long h = ms / 3_600_000, m = ms / 60_000 % 60;
        double s = (ms % 60_000) / 1000.0;
        if (h > 0) sb.append(h).append('h');
        if (m > 0 || h > 0) sb.append(m).append('m');
        if (s > 0 || sb.isEmpty()) sb.append(s == Math.floor(s) ? String.valueOf((long) s) : String.valueOf(s)).append('s');
        return sb.toString();
    }
}
