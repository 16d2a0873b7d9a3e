package jload.engine.proto.mongo;

import jload.engine.metrics.BuiltinMetrics;
import jload.engine.metrics.MetricRegistry;
import jload.engine.metrics.TagSet;

/** The mongo_* samples of one VU. Thread-safe. */
final class MongoMetrics {
    private final MetricRegistry registry;
    private final BuiltinMetrics m;

    MongoMetrics(MetricRegistry registry, BuiltinMetrics builtins) {
        this.registry = registry;
        this.m = builtins;
    }

    void op(TagSet tags, String op, double millis) {
        registry.add(m.mongoOpDuration, tags.with("op", op), millis);
    }

    void error(TagSet tags, String op, String kind) {
        registry.add(m.mongoErrors, tags.with("op", op).with("kind", kind), 1);
    }
}
