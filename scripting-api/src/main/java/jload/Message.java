package jload;

/** A WebSocket message as it arrived. */
public interface Message {
    boolean isBinary();

    /** The text (a binary message decoded as UTF-8). */
    String text();

    /** The bytes (a text message encoded as UTF-8). */
    byte[] bytes();

    /**
     * The text parsed as JSON: a {@code Map} (keys in order), a {@code List}, a {@code String}, a
     * number, a {@code Boolean} or null. Throws when the text is not JSON.
     */
    Object json();

    /** When it arrived, in milliseconds since the test started. */
    double receivedAtMillis();

    /** When it arrived, in milliseconds since the epoch: to compare with a server's timestamp in the message. */
    double receivedAtEpochMillis();
}
