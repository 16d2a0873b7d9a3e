package jload.engine.thresholds;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * k6's duration text ({@code types.ParseExtendedDuration}), used by {@code delayAbortEval}.
 *
 * <ul>
 *   <li>A bare number is milliseconds: {@code "1500"} and {@code "2.5"} are 1.5s and 2.5ms.</li>
 *   <li>Otherwise Go's {@code time.ParseDuration}: signed sequence of number+unit with units
 *       ns, us (µs, μs), ms, s, m, h, e.g. {@code "500ms"}, {@code "1m30s"}, {@code "1.5h"};
 *       the lone {@code "0"} needs no unit.</li>
 *   <li>k6 adds a whole-number day prefix: {@code "2d"}, {@code "1d12h30m"}.</li>
 * </ul>
 * No blanks are allowed anywhere, matching k6.
 */
public final class K6Duration {

    private static final Map<String, Long> NANOS_PER_UNIT = Map.of(
            "ns", 1L,
            "us", 1_000L,
            "\u00b5s", 1_000L,
            "\u03bcs", 1_000L,
            "ms", 1_000_000L,
            "s", 1_000_000_000L,
            "m", 60_000_000_000L,
            "h", 3_600_000_000_000L);
    private static final BigDecimal NANOS_PER_MILLI = BigDecimal.valueOf(1_000_000L);
    private static final BigInteger NANOS_PER_DAY = BigInteger.valueOf(86_400_000_000_000L);
    private static final BigInteger MAX_NANOS = BigInteger.valueOf(Long.MAX_VALUE);
    private static final BigInteger MIN_NANOS = BigInteger.valueOf(Long.MIN_VALUE);

    private K6Duration() {}

    public static Duration parse(String text) {
        if (text == null) throw invalid("null");
        OptionalDouble millis = GoFloatText.parse(text);
        if (millis.isPresent()) {
            if (!Double.isFinite(millis.getAsDouble())) throw invalid(text);
            return nanos(text, new BigDecimal(millis.getAsDouble()).multiply(NANOS_PER_MILLI).toBigInteger());
        }
        int d = text.indexOf('d');
        if (d < 0) {
            return nanos(text, goDurationNanos(text, text));
        }
        BigInteger rest = BigInteger.ZERO;
        if (d + 1 < text.length()) {
            rest = goDurationNanos(text, text.substring(d + 1));
            // k6 rejects "1d-5h": the part after the days must not be negative.
            if (rest.signum() < 0) throw invalid(text);
        }
        String dayText = text.substring(0, d);
        if (!dayText.matches("[+-]?\\d+")) throw invalid(text);
        BigInteger days = new BigInteger(dayText.startsWith("+") ? dayText.substring(1) : dayText);
        // A negative day count makes the whole duration negative, as in k6.
        if (days.signum() < 0) rest = rest.negate();
        return nanos(text, days.multiply(NANOS_PER_DAY).add(rest));
    }

    /** Go's time.ParseDuration grammar: [-+]?([0-9]*(\.[0-9]*)?[a-z]+)+ , or "0". */
    private static BigInteger goDurationNanos(String whole, String s) {
        boolean negative = false;
        if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
            negative = s.charAt(0) == '-';
            s = s.substring(1);
        }
        if (s.equals("0")) return BigInteger.ZERO;
        if (s.isEmpty()) throw invalid(whole);
        BigDecimal total = BigDecimal.ZERO;
        int i = 0;
        while (i < s.length()) {
            int start = i;
            while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') i++;
            boolean hasInteger = i > start;
            boolean hasFraction = false;
            if (i < s.length() && s.charAt(i) == '.') {
                i++;
                int fractionStart = i;
                while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') i++;
                hasFraction = i > fractionStart;
            }
            if (!hasInteger && !hasFraction) throw invalid(whole);
            String number = s.substring(start, i);
            int unitStart = i;
            while (i < s.length() && s.charAt(i) != '.' && !(s.charAt(i) >= '0' && s.charAt(i) <= '9')) i++;
            Long unit = NANOS_PER_UNIT.get(s.substring(unitStart, i));
            if (unit == null) throw invalid(whole);
            String normalized = number.endsWith(".") ? number + "0" : number;
            total = total.add(new BigDecimal(normalized.startsWith(".") ? "0" + normalized : normalized)
                    .multiply(BigDecimal.valueOf(unit)));
        }
        BigInteger nanos = total.toBigInteger();
        return negative ? nanos.negate() : nanos;
    }

    private static Duration nanos(String text, BigInteger nanos) {
        // Go durations are int64 nanoseconds; k6 cannot represent anything longer (~292 years).
        if (nanos.compareTo(MAX_NANOS) > 0 || nanos.compareTo(MIN_NANOS) < 0) throw invalid(text);
        return Duration.ofNanos(nanos.longValueExact());
    }

    private static ThresholdException invalid(String text) {
        return new ThresholdException("invalid duration \"" + text + "\": expected a number of milliseconds"
                + " or a duration such as \"500ms\", \"10s\", \"1m30s\", \"2h\" or \"1d12h\" (no spaces)");
    }
}
