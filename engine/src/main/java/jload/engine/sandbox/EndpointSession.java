package jload.engine.sandbox;

import java.nio.ByteBuffer;

/**
 * One accepted connection's conversation with an endpoint. Java-WebSocket decodes each connection on one worker
 * thread, so a session's callbacks never run concurrently with each other (only with other sessions').
 */
interface EndpointSession {
    default void onOpen() {}

    void onText(String message);

    void onBinary(ByteBuffer message);

    default void onClose() {}
}
