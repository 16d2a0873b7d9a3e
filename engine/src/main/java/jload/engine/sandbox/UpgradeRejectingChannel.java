package jload.engine.sandbox;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/**
 * A connection's socket as Java-WebSocket sees it, able to answer a rejected upgrade with any HTTP status.
 *
 * <p>Why: when a handshake hook throws {@code InvalidDataException(401, ...)}, Java-WebSocket 1.6.0 ignores the code
 * and always writes its fixed {@code 404 WebSocket Upgrade Failure} page. Once {@link #rejectWith} is called, this
 * channel sends our response in place of whatever the library writes next, and swallows all later writes, so the
 * client sees exactly one well-formed response with the status we chose.
 */
final class UpgradeRejectingChannel implements ByteChannel {
    private final SocketChannel socket;
    // Set by a decoder thread before the library queues its own response, read by the selector thread that writes.
    private volatile ByteBuffer rejection;

    UpgradeRejectingChannel(SocketChannel socket) {
        this.socket = socket;
    }

    void rejectWith(int status, String reason) {
        byte[] body = (reason + "\n").getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 " + status + " " + reasonPhrase(status) + "\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\n"
                + "Content-Length: " + body.length + "\r\n"
                + "Connection: close\r\n"
                + "Server: jload-sandbox\r\n"
                + "\r\n";
        byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
        rejection = ByteBuffer.allocate(headBytes.length + body.length).put(headBytes).put(body).flip();
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        ByteBuffer response = rejection;
        if (response == null) return socket.write(src);
        if (response.hasRemaining()) {
            socket.write(response);
            // Reporting no progress makes the library keep its buffer queued and retry when the socket is writable.
            if (response.hasRemaining()) return 0;
            // The library only closes a rejected socket once the client does; honour our "Connection: close" now.
            socket.shutdownOutput();
        }
        int swallowed = src.remaining();
        src.position(src.limit());
        return swallowed;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        return socket.read(dst);
    }

    @Override
    public boolean isOpen() {
        return socket.isOpen();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    static String reasonPhrase(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 408 -> "Request Timeout";
            case 409 -> "Conflict";
            case 410 -> "Gone";
            case 426 -> "Upgrade Required";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> "Upgrade Rejected";
        };
    }
}
