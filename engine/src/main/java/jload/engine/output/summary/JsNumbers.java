package jload.engine.output.summary;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Number-to-text conversions with ECMAScript semantics.
 *
 * <p>k6 renders its summary in JavaScript, so every number goes through {@code Number#toString},
 * {@code toFixed} and {@code Math.trunc}. Java's own formatting differs ("30.0", "1.0E7", half-even
 * rounding), which would break byte-for-byte compatibility with k6's output.
 */
final class JsNumbers {
    private JsNumbers() {}

    /** {@code String(x)} in JavaScript: shortest round-trip digits, exponent only outside [1e-7, 1e21). */
    static String toJsString(double x) {
        if (Double.isNaN(x)) return "NaN";
        if (Double.isInfinite(x)) return x > 0 ? "Infinity" : "-Infinity";
        if (x == 0) return "0"; // covers -0, which JS also prints as "0"
        // Since JDK 19 Double.toString yields the shortest round-tripping decimal, same digits as JS.
        BigDecimal bd = new BigDecimal(Double.toString(Math.abs(x))).stripTrailingZeros();
        String digits = bd.unscaledValue().toString();
        int k = digits.length();
        int n = k - bd.scale(); // value = 0.digits * 10^n
        StringBuilder sb = new StringBuilder(x < 0 ? "-" : "");
        if (k <= n && n <= 21) {
            sb.append(digits).append("0".repeat(n - k));
        } else if (0 < n && n <= 21) {
            sb.append(digits, 0, n).append('.').append(digits, n, k);
        } else if (-6 < n && n <= 0) {
            sb.append("0.").append("0".repeat(-n)).append(digits);
        } else {
            int e = n - 1;
            sb.append(digits.charAt(0));
            if (k > 1) sb.append('.').append(digits, 1, k);
            sb.append('e').append(e >= 0 ? '+' : '-').append(Math.abs(e));
        }
        return sb.toString();
    }

    /** {@code x.toFixed(digits)}: exact binary value rounded half-up on the magnitude. */
    static String toFixed(double x, int digits) {
        if (Double.isNaN(x)) return "NaN";
        if (Math.abs(x) >= 1e21 || Double.isInfinite(x)) return toJsString(x);
        String sign = x < 0 ? "-" : "";
        return sign + new BigDecimal(Math.abs(x)).setScale(digits, RoundingMode.HALF_UP).toPlainString();
    }

    /** {@code Math.trunc}. */
    static double trunc(double x) {
        return x < 0 ? Math.ceil(x) : Math.floor(x);
    }

    /** k6's {@code toFixedNoTrailingZeros}: {@code parseFloat(val.toFixed(prec)).toString()}. */
    static String toFixedNoTrailingZeros(double val, int prec) {
        return toJsString(Double.parseDouble(toFixed(val, prec)));
    }

    /** k6's {@code toFixedNoTrailingZerosTrunc}: truncates (never rounds up) before trimming. */
    static String toFixedNoTrailingZerosTrunc(double val, int prec) {
        double mult = Math.pow(10, prec);
        return toFixedNoTrailingZeros(trunc(mult * val) / mult, prec);
    }
}
