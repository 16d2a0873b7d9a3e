package jload.engine.proto.socketio;

/** A frame from the server that is not a valid Engine.IO v4 / Socket.IO v5 packet. */
public final class SioProtocolException extends RuntimeException {
    SioProtocolException(String message) {
        super(message);
    }
}
