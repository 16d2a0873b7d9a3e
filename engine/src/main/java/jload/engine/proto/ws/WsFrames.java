package jload.engine.proto.ws;

/** Byte counts of WebSocket frames on the wire (RFC 6455 §5.2), for data_sent/data_received. */
final class WsFrames {
    private WsFrames() {}

    /** Payload plus header: 2 bytes, the extended length, and a 4-byte mask on client frames. */
    static long wireSize(int payload, boolean fromClient) {
        int header = 2 + (payload > 65535 ? 8 : payload > 125 ? 2 : 0) + (fromClient ? 4 : 0);
        return (long) payload + header;
    }
}
