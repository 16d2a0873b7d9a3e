package jload.engine.proto.redis;

import jload.RedisMessage;

/** A subscription's message, stamped when Lettuce's I/O thread handed it over. */
record ReceivedRedisMessage(String channel, String text, long atNanos) implements RedisMessage {
    @Override
    public double receivedAtEpochMillis() {
        return jload.engine.proto.EpochTime.millisOf(atNanos);
    }
}
