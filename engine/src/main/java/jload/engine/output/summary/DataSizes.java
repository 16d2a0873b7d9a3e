package jload.engine.output.summary;

/** Byte amounts as k6 prints them: decimal (SI, base 1000) units, {@code 413 B}, {@code 2.8 kB}, {@code 31 kB}. */
public final class DataSizes {
    private static final String[] UNITS = {"B", "kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"};

    private DataSizes() {}

    public static String humanize(double bytes) {
        if (bytes < 10) return JsNumbers.toJsString(bytes) + " B";
        // StrictMath is fdlibm, the same log algorithm k6's JS runtime (Go math.Log) uses, so the rare
        // floating-point edge at exact powers of 1000 lands on the same side as in k6.
        double e = Math.floor(StrictMath.log(bytes) / StrictMath.log(1000));
        String suffix = UNITS[Math.min((int) e, UNITS.length - 1)];
        double val = Math.floor((bytes / Math.pow(1000, e)) * 10 + 0.5) / 10;
        return JsNumbers.toFixed(val, val < 10 ? 1 : 0) + " " + suffix;
    }
}
