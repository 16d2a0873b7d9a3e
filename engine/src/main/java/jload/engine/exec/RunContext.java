package jload.engine.exec;

import java.util.Map;
import jload.engine.metrics.BuiltinMetrics;
import jload.engine.metrics.MetricRegistry;
import jload.engine.metrics.TagSet;
import jload.engine.proto.Protocols;

/**
 * What every part of a running test shares: metrics, the stop switch (which also holds the test's
 * start), env, global tags, protocol clients, k6's {@code throw} option (failed requests throw),
 * and the once-per-run warnings.
 */
public record RunContext(
        MetricRegistry registry,
        BuiltinMetrics builtins,
        RunControl control,
        ErrorLog errors,
        Map<String, String> env,
        TagSet globalTags,
        Protocols protocols,
        boolean throwErrors,
        RunWarnings warnings) {

    /** Seconds since the test started (after VU initialisation, as in k6); 0 before. */
    public double elapsedSeconds() {
        long start = control.startNanos();
        return start == 0 ? 0 : (System.nanoTime() - start) / 1e9;
    }
}
