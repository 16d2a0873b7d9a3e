package jload.engine.proto.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;

/**
 * The last handler of a connection (HTTP/1.1) or of a stream (HTTP/2): the response's head, body and end go to the
 * exchange under way; a decoding failure, an exception or the channel closing fails it.
 */
abstract class ResponseReader extends SimpleChannelInboundHandler<HttpObject> {

    /** The exchange the next response belongs to; null when none is under way. */
    abstract HttpExchange underWay();

    /** The response ended; the exchange is succeeded after this. */
    abstract void ended(HttpExchange exchange);

    /** The exchange under way, if any, is failed after this. */
    abstract void lost();

    /** The first part of a response was read: HTTP/2's first response byte. */
    void responseStarted(HttpExchange exchange) {}

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) {
        HttpExchange e = underWay();
        if (e == null) return; // nothing asked: a server's stray bytes
        responseStarted(e);
        if (msg.decoderResult().isFailure()) {
            fail(e, HttpFailure.of(msg.decoderResult().cause(), false));
            ctx.close();
            return;
        }
        if (msg instanceof HttpResponse r) {
            if (r.status().code() == 100) return; // 100 Continue: the real response follows
            e.head = r;
        }
        if (msg instanceof HttpContent c) e.content(c.content());
        if (msg instanceof LastHttpContent last && e.head != null) {
            e.trailing = last.trailingHeaders();
            ended(e);
            e.succeed();
        }
    }

    private void fail(HttpExchange e, HttpFailure why) {
        lost();
        e.fail(why);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        HttpExchange e = underWay();
        lost();
        if (e != null) e.fail(HttpFailure.of(new HttpFailure.PrematureClose(), false));
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        HttpExchange e = underWay();
        lost();
        if (e != null) e.fail(HttpFailure.of(cause, false));
        ctx.close();
    }
}
