package jload.engine.script;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import jload.engine.plan.K6Duration;

/** Durations as scripts give them, in any language: a k6 string ({@code '2s'}, {@code '500ms'}) or a number of milliseconds. */
public final class ScriptDurations {
    /**
     * Scripts pass the same few literals ('5s') on every call of a hot path (expect); parsing them
     * each time showed in profiles. Bounded: a script that builds strings does not grow it forever.
     */
    private static final int CACHE_LIMIT = 256;
    private static final Map<String, Duration> PARSED = new ConcurrentHashMap<>();

    private ScriptDurations() {}

    /** @param what names the value in the error ("timeout", "sleep") */
    public static Duration of(Object value, Duration fallback, String what) {
        if (value == null) return fallback;
        if (value instanceof Number n) return Duration.ofNanos(Math.round(n.doubleValue() * 1_000_000));
        if (value instanceof CharSequence s) return parse(s.toString(), what);
        if (value instanceof Duration d) return d;
        throw new IllegalArgumentException(what + ": expected a duration like '2s' or a number of milliseconds, not " + value);
    }

    public static Duration parse(String text, String what) {
        Duration d = PARSED.get(text);
        if (d == null) {
            d = K6Duration.parse(text, what);
            if (PARSED.size() < CACHE_LIMIT) PARSED.put(text, d);
        }
        return d;
    }
}
