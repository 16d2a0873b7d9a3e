package jload.engine.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/** A named metric and its series, one per distinct tag set. */
public final class Metric {
    private final String name;
    private final MetricType type;
    private final ValueKind kind;
    private final Map<TagSet, Series> series = new ConcurrentHashMap<>();
    /** A jload built-in that k6 does not have: a script's custom metric may take its name over. */
    private volatile boolean jloadOnly;
    /** Taken over by a script's metric of the same name: no longer in the registry, samples dropped. */
    private volatile boolean detached;

    Metric(String name, MetricType type, ValueKind kind) {
        this.name = name;
        this.type = type;
        this.kind = kind;
    }

    public String name() {
        return name;
    }

    public MetricType type() {
        return type;
    }

    public ValueKind kind() {
        return kind;
    }

    boolean isJloadOnly() {
        return jloadOnly;
    }

    void markJloadOnly() {
        jloadOnly = true;
    }

    boolean isDetached() {
        return detached;
    }

    void detach() {
        detached = true;
    }

    /** The series for {@code tags}, created on first use. Callers on a hot path keep the result. */
    public Series series(TagSet tags) {
        Series s = series.get(tags);
        return s != null ? s : series.computeIfAbsent(tags, t -> newSeries());
    }

    public void add(double value, TagSet tags) {
        series(tags).add(value);
    }

    private Series newSeries() {
        return switch (type) {
            case COUNTER -> new CounterSeries();
            case GAUGE -> new GaugeSeries();
            case RATE -> new RateSeries();
            case TREND -> new TrendSeries();
        };
    }

    /** All series whose tags satisfy {@code filter}, merged. */
    public SeriesSnapshot snapshot(Predicate<TagSet> filter) {
        List<SeriesSnapshot> parts = new ArrayList<>();
        series.forEach((tags, s) -> {
            if (filter.test(tags)) parts.add(s.snapshot());
        });
        return SeriesSnapshot.merge(type, parts);
    }

    public SeriesSnapshot snapshot() {
        return snapshot(t -> true);
    }

    /** The sub-metric {@code name{k:v,…}}: the series whose tags include every given pair. */
    public SeriesSnapshot snapshot(Map<String, String> requiredTags) {
        return snapshot(t -> t.containsAll(requiredTags));
    }

    /** Every series so far with its tags, for readers that take more than a snapshot (the interval sampler). */
    public void forEachSeries(java.util.function.BiConsumer<TagSet, Series> action) {
        series.forEach(action);
    }

    /** Every distinct tag set recorded so far, with its own snapshot. */
    public Map<TagSet, SeriesSnapshot> snapshotsByTags() {
        Map<TagSet, SeriesSnapshot> out = new java.util.LinkedHashMap<>();
        series.forEach((tags, s) -> out.put(tags, s.snapshot()));
        return out;
    }
}
