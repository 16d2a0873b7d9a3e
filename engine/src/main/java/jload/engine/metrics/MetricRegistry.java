package jload.engine.metrics;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Every metric of a run by name. A name keeps its first type and kind for the whole run, as in k6;
 * registering it again with another type is a script error.
 *
 * <p>Except for jload's own built-ins that k6 does not have ({@code ws_errors}, {@code ws_rtt}, …):
 * k6 scripts often declare custom metrics with those names, and under k6 such a metric holds only
 * what the script adds. So a script that registers one takes the name over: jload's own metric is
 * detached (its samples are dropped from then on) and the script gets a fresh metric of its type.
 */
public final class MetricRegistry {
    /** k6's rule for metric names. */
    private static final Pattern VALID_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]{0,127}");

    private final Map<String, Metric> metrics = new ConcurrentHashMap<>();
    private volatile SampleListener listener = SampleListener.NONE;
    private volatile Consumer<String> notices = n -> { };

    /** Where to say that a script took over a jload-only built-in name (once per name). */
    public void onNotice(Consumer<String> notices) {
        this.notices = notices;
    }

    /** A jload-only built-in: a script that registers the same name takes it over (see the class comment). */
    public Metric registerJloadOnly(String name, MetricType type, ValueKind kind) {
        Metric m = register(name, type, kind);
        m.markJloadOnly();
        return m;
    }

    /** A custom metric of a script: as {@link #register}, but taking over a jload-only built-in of that name. */
    public Metric registerCustom(String name, MetricType type, ValueKind kind) {
        boolean[] tookOver = {false};
        metrics.computeIfPresent(name, (n, current) -> {
            if (!current.isJloadOnly()) return current;
            current.detach();
            tookOver[0] = true;
            return new Metric(n, type, kind);
        });
        if (tookOver[0]) {
            notices.accept("the script defines its own metric '" + name + "', which is also the name of a jload built-in "
                    + "that k6 does not have: it holds only the script's values, and jload's own '" + name
                    + "' samples are not recorded in this run");
        }
        return register(name, type, kind);
    }

    public Metric register(String name, MetricType type, ValueKind kind) {
        Metric existing = metrics.get(name);
        if (existing == null) {
            if (!VALID_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("invalid metric name '" + name
                        + "': expected 1 to 128 ASCII letters, digits or underscores, not starting with a digit");
            }
            existing = metrics.computeIfAbsent(name, n -> new Metric(n, type, kind));
        }
        if (existing.type() != type || existing.kind() != kind && kind != ValueKind.DEFAULT) {
            throw new IllegalArgumentException("metric '" + name + "' already exists as a " + existing.type().k6Name()
                    + (existing.kind() == ValueKind.DEFAULT ? "" : " of " + existing.kind().k6Name())
                    + "; it cannot also be a " + type.k6Name());
        }
        return existing;
    }

    public Metric get(String name) {
        return metrics.get(name);
    }

    public Collection<Metric> all() {
        List<Metric> list = new ArrayList<>(metrics.values());
        list.sort(java.util.Comparator.comparing(Metric::name));
        return list;
    }

    /** Adds a sample and tells the listener (outputs that want every point, like {@code --out json}). */
    public void add(Metric metric, Series series, TagSet tags, double value) {
        if (metric.isDetached()) return;
        series.add(value);
        SampleListener l = listener;
        if (l != SampleListener.NONE) l.onSample(metric, tags, value);
    }

    public void add(Metric metric, TagSet tags, double value) {
        add(metric, metric.series(tags), tags, value);
    }

    public void setListener(SampleListener listener) {
        this.listener = listener == null ? SampleListener.NONE : listener;
    }
}
