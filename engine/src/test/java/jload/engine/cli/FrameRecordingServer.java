package jload.engine.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A WebSocket echo server for tests that records every frame each client sends, in order, as it
 * came off the wire — including anything after a close frame, which a real WebSocket library
 * would hide. It echoes text frames, answers a close with the same code, and keeps reading until
 * the client drops the TCP connection. Plain sockets and a thread per connection: tests only.
 * A JUnit extension: {@code @RegisterExtension final FrameRecordingServer server = new FrameRecordingServer();}
 * gives each test a fresh one.
 */
final class FrameRecordingServer implements org.junit.jupiter.api.extension.BeforeEachCallback,
        org.junit.jupiter.api.extension.AfterEachCallback {
    static final int TEXT = 1, BINARY = 2, CLOSE = 8, PING = 9, PONG = 10;
    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    /** One frame as the client sent it (unmasked). */
    record Frame(int opcode, byte[] payload) {
        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        int closeCode() {
            return payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : 1005;
        }

        @Override
        public String toString() {
            return switch (opcode) {
                case TEXT -> "text:" + text();
                case CLOSE -> "close:" + closeCode();
                default -> "opcode " + opcode + " (" + payload.length + " bytes)";
            };
        }
    }

    private ServerSocket server;
    private final List<List<Frame>> connections = new CopyOnWriteArrayList<>();
    private final List<String> upgradeRequests = new CopyOnWriteArrayList<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final java.util.concurrent.atomic.AtomicInteger open = new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.concurrent.atomic.AtomicInteger mostOpen = new java.util.concurrent.atomic.AtomicInteger();

    @Override
    public void beforeEach(org.junit.jupiter.api.extension.ExtensionContext context) throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofPlatform().daemon().name("frame-recorder-accept").start(this::acceptLoop);
    }

    /** ws://127.0.0.1:PORT/path */
    String url(String path) {
        return "ws://127.0.0.1:" + server.getLocalPort() + path;
    }

    /** Each connection's HTTP upgrade request, as received (request line and headers). */
    List<String> upgradeRequests() {
        return List.copyOf(upgradeRequests);
    }

    /** The most connections that were open at the same time. */
    int mostOpenAtOnce() {
        return mostOpen.get();
    }

    /** The frames each connection sent so far, one list per connection in accept order. */
    List<List<Frame>> connections() {
        return List.copyOf(connections);
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                sockets.add(s);
                List<Frame> frames = new CopyOnWriteArrayList<>();
                connections.add(frames);
                Thread.ofPlatform().daemon().name("frame-recorder").start(() -> serve(s, frames));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket s, List<Frame> frames) {
        mostOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
        try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
            String key = handshakeKey(in, upgradeRequests);
            out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Accept: " + accept(key) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            boolean closeAnswered = false;
            Frame f;
            while ((f = readFrame(in)) != null) {
                frames.add(f);
                if (closeAnswered) continue; // record, never answer, whatever comes after a close
                if (f.opcode() == TEXT) writeFrame(out, TEXT, f.payload());
                if (f.opcode() == PING) writeFrame(out, PONG, f.payload());
                if (f.opcode() == CLOSE) {
                    writeFrame(out, CLOSE, f.payload().length >= 2 ? new byte[] {f.payload()[0], f.payload()[1]} : new byte[0]);
                    closeAnswered = true;
                }
            }
        } catch (IOException e) {
            // the client went away
        } finally {
            open.decrementAndGet();
        }
    }

    private static String handshakeKey(InputStream in, List<String> requests) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            head.write(b);
            byte[] h = head.toByteArray();
            int n = h.length;
            if (n >= 4 && h[n - 4] == '\r' && h[n - 3] == '\n' && h[n - 2] == '\r' && h[n - 1] == '\n') break;
        }
        requests.add(head.toString(StandardCharsets.US_ASCII));
        for (String line : head.toString(StandardCharsets.US_ASCII).split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("Sec-WebSocket-Key")) {
                return line.substring(colon + 1).trim();
            }
        }
        throw new IOException("no Sec-WebSocket-Key in the upgrade request");
    }

    private static String accept(String key) {
        try {
            byte[] sha1 = MessageDigest.getInstance("SHA-1").digest((key + GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(sha1);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The next frame, or null at the end of the stream. */
    private static Frame readFrame(InputStream in) throws IOException {
        int b0 = in.read();
        if (b0 < 0) return null;
        int b1 = readByte(in);
        long len = b1 & 0x7f;
        if (len == 126) len = (readByte(in) << 8) | readByte(in);
        else if (len == 127) {
            len = 0;
            for (int i = 0; i < 8; i++) len = (len << 8) | readByte(in);
        }
        byte[] mask = (b1 & 0x80) != 0 ? in.readNBytes(4) : null;
        byte[] payload = in.readNBytes((int) len);
        if (payload.length < len) return null;
        if (mask != null) for (int i = 0; i < payload.length; i++) payload[i] ^= mask[i % 4];
        return new Frame(b0 & 0x0f, payload);
    }

    private static int readByte(InputStream in) throws IOException {
        int b = in.read();
        if (b < 0) throw new IOException("end of stream inside a frame header");
        return b;
    }

    private static void writeFrame(OutputStream out, int opcode, byte[] payload) throws IOException {
        if (payload.length > 0xffff) throw new IOException("this test server echoes messages of up to 64 KiB");
        out.write(0x80 | opcode);
        if (payload.length < 126) {
            out.write(payload.length);
        } else {
            out.write(126);
            out.write(payload.length >> 8);
            out.write(payload.length & 0xff);
        }
        out.write(payload);
        out.flush();
    }

    @Override
    public void afterEach(org.junit.jupiter.api.extension.ExtensionContext context) throws IOException {
        server.close();
        for (Socket s : sockets) s.close();
    }
}
