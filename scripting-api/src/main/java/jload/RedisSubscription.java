package jload;

import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

/** A SUBSCRIBE of one VU: the messages of its channels, kept in order until taken. */
public interface RedisSubscription {
    /** Whether SUBSCRIBE succeeded; {@link #error()} says why not. */
    boolean ok();

    String error();

    /** The first kept or new message {@code match} accepts within {@code timeout}; null when none came. */
    RedisMessage expect(Predicate<RedisMessage> match, Duration timeout);

    /** Every message kept so far, taken. */
    List<RedisMessage> messages();

    /** UNSUBSCRIBE and close its connection. */
    void close();
}
