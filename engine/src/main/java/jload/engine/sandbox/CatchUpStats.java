package jload.engine.sandbox;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * What catch-up replays did, at {@code /metrics} — how many, how many events they sent, the last one's size and
 * time, and reads or writes the store failed — so a load test can check the server's side of a replay it timed.
 */
final class CatchUpStats implements PrometheusSection {
    private final String store;
    private final LongAdder replays = new LongAdder();
    private final LongAdder eventsReplayed = new LongAdder();
    private final LongAdder storeErrors = new LongAdder();
    private final AtomicLong lastEvents = new AtomicLong();
    private final AtomicLong lastMicros = new AtomicLong();

    CatchUpStats(String store) {
        this.store = store;
    }

    void replayed(int events, long nanos) {
        replays.increment();
        eventsReplayed.add(events);
        lastEvents.set(events);
        lastMicros.set(nanos / 1_000);
    }

    void storeFailed() {
        storeErrors.increment();
    }

    @Override
    public void writeTo(StringBuilder out) {
        SandboxMetrics.header(out, "sandbox_catchup_store", "gauge", "What keeps the events catch-up replays (1 for the one in use).");
        SandboxMetrics.sample(out, "sandbox_catchup_store", "store=\"" + store + "\"", 1);
        SandboxMetrics.header(out, "sandbox_catchup_replays_total", "counter", "Socket.IO joins with {since} that were replayed the kept events.");
        SandboxMetrics.sample(out, "sandbox_catchup_replays_total", "", replays.sum());
        SandboxMetrics.header(out, "sandbox_catchup_events_replayed_total", "counter", "Events sent by catch-up replays.");
        SandboxMetrics.sample(out, "sandbox_catchup_events_replayed_total", "", eventsReplayed.sum());
        SandboxMetrics.header(out, "sandbox_catchup_last_replay_events", "gauge", "Events the last replay sent.");
        SandboxMetrics.sample(out, "sandbox_catchup_last_replay_events", "", lastEvents.get());
        SandboxMetrics.header(out, "sandbox_catchup_last_replay_microseconds", "gauge", "The last replay's time in the server: reading the store and sending.");
        SandboxMetrics.sample(out, "sandbox_catchup_last_replay_microseconds", "", lastMicros.get());
        SandboxMetrics.header(out, "sandbox_catchup_store_errors_total", "counter", "Catch-up store reads and writes that failed (the event was still sent live).");
        SandboxMetrics.sample(out, "sandbox_catchup_store_errors_total", "", storeErrors.sum());
    }
}
