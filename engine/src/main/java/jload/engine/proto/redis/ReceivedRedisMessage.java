package jload.engine.proto.redis;

import java.time.Instant;
import jload.RedisMessage;

/** A subscription's message, stamped when Lettuce's I/O thread handed it over. */
record ReceivedRedisMessage(String channel, String text, long atNanos) implements RedisMessage {
    /** The wall clock now (µs), less how long ago the message came by the monotonic clock. */
    @Override
    public double receivedAtEpochMillis() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1000.0 + (now.getNano() - (System.nanoTime() - atNanos)) / 1e6;
    }
}
