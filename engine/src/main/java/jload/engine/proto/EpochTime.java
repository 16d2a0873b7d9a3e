package jload.engine.proto;

import java.time.Instant;

/** When something that happened at a System.nanoTime() reading happened on the wall clock. */
public final class EpochTime {
    private EpochTime() {}

    /**
     * Epoch milliseconds, with microseconds, of {@code nanoTime}: both clocks read now, the monotonic one saying how long
     * ago it was. The wall clock as an Instant (microseconds on Linux), not currentTimeMillis: a whole-millisecond clock
     * would put up to 1 ms of error into a latency computed against another process's timestamp.
     */
    public static double millisOf(long nanoTime) {
        Instant now = Instant.now();
        long agoNanos = System.nanoTime() - nanoTime;
        return now.getEpochSecond() * 1000.0 + (now.getNano() - agoNanos) / 1e6;
    }
}
