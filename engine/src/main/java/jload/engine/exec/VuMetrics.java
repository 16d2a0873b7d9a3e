package jload.engine.exec;

import java.util.Map;
import jload.Counter;
import jload.Gauge;
import jload.Metrics;
import jload.Rate;
import jload.Trend;
import jload.engine.metrics.Metric;
import jload.engine.metrics.MetricType;
import jload.engine.metrics.ValueKind;

/** Custom metrics as one VU makes them: every sample carries that VU's current tags. */
final class VuMetrics implements Metrics {
    private final VuState vu;

    VuMetrics(VuState vu) {
        this.vu = vu;
    }

    private Metric register(String name, MetricType type, ValueKind kind) {
        return vu.run().registry().registerCustom(name, type, kind);
    }

    @Override
    public Counter counter(String name) {
        return new Handle(register(name, MetricType.COUNTER, ValueKind.DEFAULT));
    }

    @Override
    public Gauge gauge(String name) {
        return new Handle(register(name, MetricType.GAUGE, ValueKind.DEFAULT));
    }

    @Override
    public Rate rate(String name) {
        return new Handle(register(name, MetricType.RATE, ValueKind.DEFAULT));
    }

    @Override
    public Trend trend(String name, boolean isTime) {
        return new Handle(register(name, MetricType.TREND, isTime ? ValueKind.TIME : ValueKind.DEFAULT));
    }

    /** One class serves all four interfaces: the metric's type decides what a value means. */
    private final class Handle implements Counter, Gauge, Rate, Trend {
        private final Metric metric;

        Handle(Metric metric) {
            this.metric = metric;
        }

        @Override
        public String name() {
            return metric.name();
        }

        @Override
        public void add(double value) {
            vu.record(metric, value);
        }

        @Override
        public void add(double value, Map<String, String> tags) {
            vu.record(metric, value, tags);
        }

        @Override
        public void add(boolean value) {
            vu.record(metric, value ? 1 : 0);
        }

        @Override
        public void add(boolean value, Map<String, String> tags) {
            vu.record(metric, value ? 1 : 0, tags);
        }
    }
}
