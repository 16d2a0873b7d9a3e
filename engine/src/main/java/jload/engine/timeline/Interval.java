package jload.engine.timeline;

import java.util.List;

/**
 * What every series of a run recorded between {@code startMillis} and {@code endMillis} (epoch milliseconds): the
 * base of the interval outputs, the dashboard and the report. Intervals follow each other without gaps; the last of a
 * run may be shorter.
 */
public record Interval(long startMillis, long endMillis, List<SeriesInterval> series) {
    public double seconds() {
        return (endMillis - startMillis) / 1000.0;
    }
}
