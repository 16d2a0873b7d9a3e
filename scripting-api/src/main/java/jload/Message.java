package jload;

/** A WebSocket message as it arrived. */
public interface Message {
    boolean isBinary();

    /** The text (a binary message decoded as UTF-8). */
    String text();

    /** The bytes (a text message encoded as UTF-8). */
    byte[] bytes();

    /** When it arrived, in milliseconds since the test started. */
    double receivedAtMillis();
}
