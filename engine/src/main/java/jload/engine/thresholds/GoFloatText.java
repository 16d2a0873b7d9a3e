package jload.engine.thresholds;

import java.math.BigDecimal;
import java.util.OptionalDouble;
import java.util.regex.Pattern;

/**
 * Number text as k6's Go code reads and writes it, so that thresholds accept the same numbers and
 * percentile keys come out spelled the same way.
 */
final class GoFloatText {

    /**
     * The decimal part of Go's {@code strconv.ParseFloat} syntax: optional sign, digits with an
     * optional fraction (either side of the dot may be empty, not both), optional exponent, or the
     * words inf/infinity/nan in any case. Java's own parser is looser (it takes "1d", "0x1p3",
     * surrounding blanks), hence the explicit gate. Go's hexadecimal floats are left out on purpose:
     * nobody writes them in a threshold.
     */
    private static final Pattern GO_DECIMAL = Pattern.compile(
            "[+-]?(?:(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d+)?|(?i:inf|infinity|nan))");

    private GoFloatText() {}

    /** The value of {@code text}, or empty when Go's ParseFloat would refuse it (including overflow). */
    static OptionalDouble parse(String text) {
        if (!GO_DECIMAL.matcher(text).matches()) return OptionalDouble.empty();
        String unsigned = text.startsWith("+") || text.startsWith("-") ? text.substring(1) : text;
        boolean negative = text.startsWith("-");
        String lower = unsigned.toLowerCase(java.util.Locale.ROOT);
        if (lower.equals("nan")) return OptionalDouble.of(Double.NaN);
        if (lower.equals("inf") || lower.equals("infinity")) {
            return OptionalDouble.of(negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY);
        }
        double value = Double.parseDouble(text);
        // Go reports out-of-range literals such as 1e400 as an error rather than returning infinity.
        if (Double.isInfinite(value)) return OptionalDouble.empty();
        return OptionalDouble.of(value);
    }

    /**
     * Go's {@code fmt.Sprintf("%g", v)}: the shortest digits that round-trip, in plain notation
     * unless the decimal exponent is below -4 or at least 6, then in {@code 1.5e-05} notation.
     * Java's {@link Double#toString} gives the same shortest digits since JDK 19, only the layout
     * differs.
     */
    static String formatG(double v) {
        if (Double.isNaN(v)) return "NaN";
        if (Double.isInfinite(v)) return v > 0 ? "+Inf" : "-Inf";
        if (v == 0) return (1 / v < 0) ? "-0" : "0";
        BigDecimal decimal = new BigDecimal(Double.toString(Math.abs(v))).stripTrailingZeros();
        String digits = decimal.unscaledValue().toString();
        int exponent = digits.length() - 1 - decimal.scale();
        StringBuilder out = new StringBuilder(v < 0 ? "-" : "");
        if (exponent < -4 || exponent >= 6) {
            out.append(digits.charAt(0));
            if (digits.length() > 1) out.append('.').append(digits, 1, digits.length());
            out.append('e').append(exponent < 0 ? '-' : '+');
            int magnitude = Math.abs(exponent);
            if (magnitude < 10) out.append('0');
            out.append(magnitude);
        } else if (exponent < 0) {
            out.append("0.").append("0".repeat(-exponent - 1)).append(digits);
        } else if (digits.length() <= exponent + 1) {
            out.append(digits).append("0".repeat(exponent + 1 - digits.length()));
        } else {
            out.append(digits, 0, exponent + 1).append('.').append(digits, exponent + 1, digits.length());
        }
        return out.toString();
    }
}
