package jload.engine.proto.http;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponse;
import java.io.ByteArrayOutputStream;
import java.util.concurrent.CompletableFuture;

/**
 * One request and its response on one connection, with the instants k6's tracer takes (lib/netext/httpext/tracer.go),
 * each on the event loop where it happens: so the VU's own wake-up is in none of the phases. Written by the event loop;
 * read by the VU once {@link #done} completed (which orders them).
 */
final class HttpExchange {
    final FullHttpRequest request;
    /** Whether to keep the body (responseType text) or only count it (none). */
    final boolean keepBody;
    final CompletableFuture<HttpExchange> done = new CompletableFuture<>();

    /** System.nanoTime() instants; 0 = did not happen. */
    long getConn, connectStart, connectDone, tlsStart, tlsDone, gotConn, wroteRequest, firstByte, finished;
    boolean reused;
    String remoteIp = "";
    int remotePort;
    /** The connection's protocol ("HTTP/1.1", "HTTP/2.0"); empty when none was made. */
    String proto = "";
    /** Its HTTP/2 stream, once open: what a timeout resets. */
    volatile io.netty.channel.Channel stream;
    /** The connection's TLS version (k6's name) and cipher suite; empty over plain HTTP. */
    String tlsVersion = "", tlsCipherSuite = "";

    HttpResponse head;
    HttpHeaders trailing;
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    HttpFailure failure;

    HttpExchange(FullHttpRequest request, boolean keepBody) {
        this.request = request;
        this.keepBody = keepBody;
    }

    void firstByte() {
        if (firstByte == 0 && wroteRequest != 0) firstByte = System.nanoTime();
    }

    void content(ByteBuf bytes) {
        if (keepBody && bytes.isReadable()) {
            try {
                bytes.getBytes(bytes.readerIndex(), body, bytes.readableBytes());
            } catch (java.io.IOException impossible) {
                throw new java.io.UncheckedIOException(impossible);
            }
        }
    }

    byte[] body() {
        return body.toByteArray();
    }

    void succeed() {
        if (finished == 0) finished = System.nanoTime();
        done.complete(this);
    }

    void fail(HttpFailure why) {
        if (done.isDone()) return;
        if (finished == 0) finished = System.nanoTime();
        failure = why;
        done.complete(this);
    }

    /** The phases, as tracer.go's Done() computes them (ms). */
    jload.HttpTimings timings() {
        double blocked = gotConn > getConn && getConn != 0 ? ms(gotConn - getConn) : 0;
        double connecting = connectDone != 0 && connectStart != 0 ? ms(connectDone - connectStart) : 0;
        double tls = tlsDone != 0 && tlsStart != 0 ? ms(tlsDone - tlsStart) : 0;
        double sending = 0, waiting = 0, receiving = 0;
        if (wroteRequest != 0) {
            long from = tlsDone != 0 ? tlsDone : connectDone != 0 ? connectDone : gotConn;
            sending = ms(wroteRequest - from);
            if (firstByte != 0) {
                if (firstByte > wroteRequest) waiting = ms(firstByte - wroteRequest);
            } else {
                waiting = ms(finished - wroteRequest);
            }
        }
        if (firstByte != 0) receiving = ms(finished - firstByte);
        return new jload.HttpTimings(blocked, connecting, tls, sending, waiting, receiving, sending + waiting + receiving);
    }

    private static double ms(long nanos) {
        return Math.max(0, nanos) / 1e6;
    }
}
