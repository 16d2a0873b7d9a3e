package jload.engine.exec;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * This JVM's stop-the-world garbage-collection pauses while a test runs. A pause stops jload's
 * event loops too, so every round trip, request or iteration in flight is timed that much longer:
 * jload's own stall, not the target's. The run reports them so that a p99 is never read without
 * knowing (DESIGN.md §6: the engine's overhead is measured, not assumed).
 *
 * <p>Counted from the JDK's GC notifications: every collector's are pauses except those of the
 * concurrent collectors' "… Cycles" managers (ZGC, Shenandoah), whose durations are concurrent
 * work; G1's "G1 Concurrent GC" manager reports its Remark and Cleanup pauses.
 */
public final class GcPauses implements AutoCloseable {
    /** Pauses this long or longer are worth a line after the run: a realtime round trip is a few ms. */
    public static final long NOTEWORTHY_MILLIS = 20;

    /** What was seen: how many pauses, their total and the longest, in milliseconds. */
    public record Tally(long count, long totalMillis, long longestMillis) {
        public boolean noteworthy() {
            return longestMillis >= NOTEWORTHY_MILLIS;
        }

        /** One sentence for the run's log, or null when nothing is worth saying. */
        public String describe() {
            if (!noteworthy()) return null;
            return "jload's JVM stopped for garbage collection " + count + (count == 1 ? " time" : " times")
                    + " during the test (longest " + longestMillis + " ms, " + totalMillis + " ms in all): anything timed"
                    + " across a pause includes it (see \"jload's own garbage-collection pauses\" in docs/cli.md)";
        }
    }

    /** Told of each pause as it is reported. */
    @FunctionalInterface
    public interface PauseListener {
        /** @param startEpochMillis when the pause began; {@code what}: the collector and the cause */
        void onPause(long startEpochMillis, long durationMillis, String what);
    }

    private final PauseListener onPause;
    private final long jvmStartEpochMillis = ManagementFactory.getRuntimeMXBean().getStartTime();
    private final LongAdder count = new LongAdder();
    private final AtomicLong total = new AtomicLong();
    private final LongAccumulator longest = new LongAccumulator(Math::max, 0);
    private final List<NotificationEmitter> emitters = new ArrayList<>();
    private final NotificationListener listener = this::onNotification;

    private GcPauses(PauseListener onPause) {
        this.onPause = onPause;
    }

    /** Starts counting now. */
    public static GcPauses start() {
        return start((start, millis, what) -> { });
    }

    /** Starts counting now, telling {@code onPause} of each pause. */
    public static GcPauses start(PauseListener onPause) {
        GcPauses pauses = new GcPauses(onPause);
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc.getName().endsWith(" Cycles")) continue;
            if (gc instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(pauses.listener, null, null);
                pauses.emitters.add(emitter);
            }
        }
        return pauses;
    }

    private void onNotification(Notification n, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) return;
        var info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
        long millis = info.getGcInfo().getDuration();
        record(millis);
        // GcInfo's start is in milliseconds since the JVM started.
        onPause.onPause(jvmStartEpochMillis + info.getGcInfo().getStartTime(), millis, info.getGcName() + ": " + info.getGcCause());
    }

    void record(long millis) {
        count.increment();
        total.addAndGet(millis);
        longest.accumulate(millis);
    }

    /** The pauses so far. */
    public Tally tally() {
        return new Tally(count.sum(), total.get(), longest.get());
    }

    /** Stops counting; {@link #tally()} keeps what was seen. */
    @Override
    public void close() {
        for (NotificationEmitter e : emitters) {
            try {
                e.removeNotificationListener(listener);
            } catch (ListenerNotFoundException ignored) {
                // already gone: nothing to undo
            }
        }
        emitters.clear();
    }
}
