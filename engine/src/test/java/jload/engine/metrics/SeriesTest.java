package jload.engine.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class SeriesTest {
    @Test
    void counterSumsAndReportsARatePerSecond() {
        CounterSeries c = new CounterSeries();
        c.add(2);
        c.add(3);
        SeriesSnapshot s = c.snapshot();
        assertEquals(5, s.value("count", 10));
        assertEquals(0.5, s.value("rate", 10));
    }

    @Test
    void rateCountsNonZeroSamples() {
        RateSeries r = new RateSeries();
        r.add(1);
        r.add(0);
        r.add(1);
        r.add(5);
        SeriesSnapshot s = r.snapshot();
        assertEquals(3, s.passes());
        assertEquals(1, s.fails());
        assertEquals(0.75, s.value("rate", 1));
    }

    @Test
    void gaugeKeepsTheLastValueAndItsExtremes() {
        GaugeSeries g = new GaugeSeries();
        g.add(5);
        g.add(-2);
        g.add(3);
        SeriesSnapshot s = g.snapshot();
        assertEquals(3, s.value("value", 1));
        assertEquals(-2, s.value("min", 1));
        assertEquals(5, s.value("max", 1));
        assertFalse(new GaugeSeries().snapshot().hasSamples());
    }

    @Test
    void concurrentWritersLoseNothing() throws Exception {
        TrendSeries trend = new TrendSeries();
        CounterSeries counter = new CounterSeries();
        int threads = 8, each = 20_000;
        CountDownLatch go = new CountDownLatch(1);
        Thread[] ts = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            ts[t] = Thread.ofVirtual().start(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 1; i <= each; i++) {
                    trend.add(i);
                    counter.add(1);
                }
            });
        }
        go.countDown();
        for (Thread t : ts) t.join();
        assertEquals((long) threads * each, trend.snapshot().trend().count());
        assertEquals(threads * each, counter.snapshot().value("count", 1));
    }

    @Test
    void subMetricsSelectSeriesByTags() {
        MetricRegistry registry = new MetricRegistry();
        Metric m = registry.register("req", MetricType.COUNTER, ValueKind.DEFAULT);
        m.add(1, TagSet.of("status", "200", "scenario", "a"));
        m.add(1, TagSet.of("status", "200", "scenario", "b"));
        m.add(1, TagSet.of("status", "500", "scenario", "a"));
        assertEquals(3, m.snapshot().value("count", 1));
        assertEquals(2, m.snapshot(Map.of("status", "200")).value("count", 1));
        assertEquals(1, m.snapshot(Map.of("status", "200", "scenario", "b")).value("count", 1));
        assertEquals(0, m.snapshot(Map.of("status", "404")).value("count", 1));
    }

    @Test
    void aMetricNameKeepsItsType() {
        MetricRegistry registry = new MetricRegistry();
        registry.register("latency", MetricType.TREND, ValueKind.TIME);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> registry.register("latency", MetricType.COUNTER, ValueKind.DEFAULT));
        assertTrue(e.getMessage().contains("already exists as a trend"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> registry.register("1bad", MetricType.COUNTER, ValueKind.DEFAULT));
        assertEquals(List.of("latency"), registry.all().stream().map(Metric::name).toList());
    }

    @Test
    void tagSetsAreEqualWhateverTheirOrder() {
        assertEquals(TagSet.of("a", "1", "b", "2"), TagSet.of("b", "2", "a", "1"));
        assertEquals("3", TagSet.of("a", "1").with("a", "3").get("a"));
        assertTrue(TagSet.of("a", "1", "b", "2").containsAll(Map.of("b", "2")));
        assertFalse(TagSet.of("a", "1").containsAll(Map.of("b", "2")));
    }
}
