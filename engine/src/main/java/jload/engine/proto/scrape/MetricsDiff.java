package jload.engine.proto.scrape;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What changed between two {@link MetricsSnapshot}s: series whose value changed, appeared, went, or (for --all) stayed. */
public record MetricsDiff(List<Change> changed, List<Change> added, List<Change> removed, List<Change> unchanged) {
    /** One series: its value before and after (NaN where it was not there). */
    public record Change(String series, double before, double after) {
        public double delta() {
            return after - before;
        }
    }

    public static MetricsDiff between(MetricsSnapshot before, MetricsSnapshot after) {
        List<Change> changed = new ArrayList<>(), added = new ArrayList<>(), removed = new ArrayList<>(), unchanged = new ArrayList<>();
        for (Map.Entry<String, Double> b : before.values().entrySet()) {
            Double a = after.values().get(b.getKey());
            if (a == null) removed.add(new Change(b.getKey(), b.getValue(), Double.NaN));
            else if (Double.compare(a, b.getValue()) == 0) unchanged.add(new Change(b.getKey(), b.getValue(), a));
            else changed.add(new Change(b.getKey(), b.getValue(), a));
        }
        for (Map.Entry<String, Double> a : after.values().entrySet()) {
            if (!before.values().containsKey(a.getKey())) added.add(new Change(a.getKey(), Double.NaN, a.getValue()));
        }
        return new MetricsDiff(List.copyOf(changed), List.copyOf(added), List.copyOf(removed), List.copyOf(unchanged));
    }
}
