package jload.engine.proto.http;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.codec.http.HttpContentDecompressor;
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamChannelBootstrap;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;

/**
 * One HTTP/2 connection of a VU, negotiated by ALPN over TLS as Go's client (and so k6) does: each exchange on a stream
 * of its own, several at once (a batch), HTTP objects on each stream as over HTTP/1.1. Settings as Go's transport
 * sends them: no server push, 4 MB stream window. New streams wait for the server's concurrent-stream limit instead of
 * being refused.
 */
final class Http2Connection extends HttpConnection {
    private static final int STREAM_WINDOW = 4 << 20;

    private final Http2FrameCodec codec;

    /** Adds the HTTP/2 handlers at the end of the channel's pipeline. */
    Http2Connection(Channel channel, String origin) {
        super(channel, origin, "HTTP/2.0");
        codec = Http2FrameCodecBuilder.forClient()
                .initialSettings(Http2Settings.defaultSettings().pushEnabled(false).initialWindowSize(STREAM_WINDOW))
                .encoderEnforceMaxConcurrentStreams(true)
                .build();
        channel.pipeline().addLast(codec, new Http2MultiplexHandler(new ChannelInboundHandlerAdapter()));
    }

    @Override
    void send(HttpExchange exchange) {
        channel.eventLoop().execute(() -> {
            if (!take(exchange)) return;
            new Http2StreamChannelBootstrap(channel).handler(new ChannelInitializer<Http2StreamChannel>() {
                @Override
                protected void initChannel(Http2StreamChannel stream) {
                    stream.pipeline().addLast(new Http2StreamFrameToHttpObjectCodec(false), new HttpContentDecompressor(0),
                            new StreamReader(exchange));
                }
            }).open().addListener(opened -> {
                if (!opened.isSuccess()) {
                    exchange.request.release();
                    exchange.fail(HttpFailure.of(opened.cause(), false));
                    return;
                }
                Http2StreamChannel stream = (Http2StreamChannel) opened.getNow();
                exchange.stream = stream;
                write(stream, exchange);
            });
        });
    }

    @Override
    boolean isReusable() {
        return channel.isActive() && !codec.connection().goAwayReceived();
    }

    @Override
    boolean multiplexed() {
        return true;
    }

    @Override
    void abandon(HttpExchange exchange) {
        Channel stream = exchange.stream;
        if (stream != null) stream.close(); // RST_STREAM: the connection's other streams go on
    }

    /** One stream's reader: its exchange is fixed; the stream closes when the response ends. */
    private static final class StreamReader extends ResponseReader {
        private HttpExchange exchange;

        StreamReader(HttpExchange exchange) {
            this.exchange = exchange;
        }

        @Override
        HttpExchange underWay() {
            return exchange;
        }

        @Override
        void responseStarted(HttpExchange e) {
            e.firstByte(); // the first frame of the stream, decoded: HTTP/2 has no per-stream mark on the raw bytes
        }

        @Override
        void ended(HttpExchange e) {
            exchange = null;
        }

        @Override
        void lost() {
            exchange = null;
        }
    }
}
