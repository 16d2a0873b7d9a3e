package jload.engine.exec;

import java.util.Map;
import jload.engine.metrics.BuiltinMetrics;
import jload.engine.metrics.MetricRegistry;
import jload.engine.metrics.TagSet;
import jload.engine.proto.Protocols;

/** What every part of a running test shares: metrics, the stop switch, the clock's zero, env, global tags, protocol clients. */
public record RunContext(
        MetricRegistry registry,
        BuiltinMetrics builtins,
        RunControl control,
        ErrorLog errors,
        Map<String, String> env,
        TagSet globalTags,
        long startNanos,
        Protocols protocols) {

    public double elapsedSeconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
