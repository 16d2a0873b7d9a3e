package jload.engine.script.js;

import java.time.Duration;
import jload.engine.plan.K6Duration;
import org.graalvm.polyglot.Value;

/** Durations as scripts give them: a k6 string ("2s", "500ms") or a number of milliseconds. */
final class JsDurations {
    /**
     * Scripts pass the same few literals ('5s') on every call of a hot path (expect); parsing them
     * each time showed in profiles. Bounded: a script that builds strings does not grow it forever.
     */
    private static final int CACHE_LIMIT = 256;
    private static final java.util.Map<String, Duration> PARSED = new java.util.concurrent.ConcurrentHashMap<>();

    private JsDurations() {}

    static Duration of(Value v, Duration fallback) {
        if (v == null || v.isNull()) return fallback;
        if (v.isNumber()) return Duration.ofNanos(Math.round(v.asDouble() * 1_000_000));
        if (v.isString()) return parse(v.asString());
        throw new IllegalArgumentException("a timeout is a duration like '2s' or a number of milliseconds, not " + v);
    }

    private static Duration parse(String text) {
        Duration d = PARSED.get(text);
        if (d == null) {
            d = K6Duration.parse(text, "timeout");
            if (PARSED.size() < CACHE_LIMIT) PARSED.put(text, d);
        }
        return d;
    }
}
