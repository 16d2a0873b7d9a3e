package jload;

/** A message a {@link RedisSubscription} received. */
public interface RedisMessage {
    String channel();

    String text();

    /** When jload read it (Lettuce's I/O thread), epoch milliseconds with microseconds. */
    double receivedAtEpochMillis();
}
