package jload.engine.metrics;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * Recording a sample on a series already in use allocates nothing (DESIGN.md §6): a VU recording
 * at high rate must not feed the garbage collector. Measured with the JVM's per-thread
 * allocation counter, so the result does not depend on timing.
 */
class RecordingAllocationTest {
    private static final ThreadMXBean THREADS = (ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final int SAMPLES = 200_000;

    private static long allocatedWhile(Runnable work) {
        long tid = Thread.currentThread().threadId();
        long before = THREADS.getThreadAllocatedBytes(tid);
        work.run();
        return THREADS.getThreadAllocatedBytes(tid) - before;
    }

    /** Runs {@code record} SAMPLES times to warm up, then again while counting this thread's allocations. */
    private static void assertDoesNotAllocate(String what, java.util.function.IntConsumer record) {
        // Warm-up: the histogram sizes itself for the range of values, the JIT compiles the path.
        for (int i = 0; i < SAMPLES; i++) record.accept(i);
        long bytes = allocatedWhile(() -> {
            for (int i = 0; i < SAMPLES; i++) record.accept(i);
        });
        // A few hundred bytes of noise (the counter's own bookkeeping) are tolerated; one object
        // per sample would be megabytes.
        assertTrue(bytes < 4096, what + " allocated " + bytes + " bytes for " + SAMPLES + " samples");
    }

    private static void assertRecordingDoesNotAllocate(Series series) {
        assertDoesNotAllocate(series.getClass().getSimpleName(), i -> series.add(i % 5000 + 0.5));
    }

    @Test
    void trend() {
        assertRecordingDoesNotAllocate(new TrendSeries());
    }

    @Test
    void counter() {
        assertRecordingDoesNotAllocate(new CounterSeries());
    }

    @Test
    void rate() {
        assertRecordingDoesNotAllocate(new RateSeries());
    }

    @Test
    void gauge() {
        assertRecordingDoesNotAllocate(new GaugeSeries());
    }

    @Test
    void throughTheRegistry() {
        MetricRegistry registry = new MetricRegistry();
        Metric m = registry.register("t", MetricType.TREND, ValueKind.TIME);
        TagSet tags = TagSet.of("scenario", "default");
        assertDoesNotAllocate("registry.add", i -> registry.add(m, tags, i % 100));
    }
}
