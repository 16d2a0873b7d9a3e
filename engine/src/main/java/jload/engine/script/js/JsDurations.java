package jload.engine.script.js;

import java.time.Duration;
import jload.engine.script.ScriptDurations;
import org.graalvm.polyglot.Value;

/** Durations as scripts give them: a k6 string ("2s", "500ms") or a number of milliseconds. */
final class JsDurations {
    private JsDurations() {}

    static Duration of(Value v, Duration fallback) {
        if (v == null || v.isNull()) return fallback;
        if (v.isNumber()) return Duration.ofNanos(Math.round(v.asDouble() * 1_000_000));
        if (v.isString()) return ScriptDurations.parse(v.asString(), "timeout");
        throw JsErrors.thrown("a timeout is a duration like '2s' or a number of milliseconds, not " + v);
    }
}
