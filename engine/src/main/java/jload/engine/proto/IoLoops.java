package jload.engine.proto;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.FastThreadLocalThread;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The run's event loops, one per core (native epoll when available): they do every protocol's
 * I/O and timers, and they carry the VUs' virtual threads ({@link VuCarrier}), so that waking a VU
 * for a message, and its send, stay on one thread. A loop's platform thread starts with its first
 * task; a run that opens no socket and starts no VU has none.
 */
public final class IoLoops implements AutoCloseable {
    private final EventLoopGroup group;
    private final Class<? extends SocketChannel> channelType;
    private final Class<? extends io.netty.channel.ServerChannel> serverChannelType;
    private final java.util.Map<EventLoop, LoopTimeouts> timeouts = new java.util.concurrent.ConcurrentHashMap<>();

    public IoLoops() {
        // Netty's own thread class: its FastThreadLocals (buffer caches, the temporary array that
        // decodes every text frame) are fields of the thread; on a plain thread each is a
        // ThreadLocal lookup, and a decode allocates its array anew.
        AtomicInteger ids = new AtomicInteger();
        ThreadFactory threads = task -> {
            Thread t = new FastThreadLocalThread(task, "jload-io-" + ids.getAndIncrement());
            t.setDaemon(true);
            return t;
        };
        IoHandlerFactory io = Epoll.isAvailable() ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        this.group = new MultiThreadIoEventLoopGroup(Runtime.getRuntime().availableProcessors(), threads, io);
        this.channelType = Epoll.isAvailable() ? EpollSocketChannel.class : NioSocketChannel.class;
        this.serverChannelType = Epoll.isAvailable() ? io.netty.channel.epoll.EpollServerSocketChannel.class
                : io.netty.channel.socket.nio.NioServerSocketChannel.class;
    }

    /** The next loop, round robin: a VU's home. */
    public EventLoop next() {
        return group.next();
    }

    /** Where a new channel of the calling thread goes: its VU's home loop, else the next one. */
    public EventLoopGroup forNewChannel() {
        EventLoop home = VuClock.home();
        return home != null && !home.isShuttingDown() ? home : group;
    }

    /** The coarse deadlines of the VUs {@code loop} carries. */
    LoopTimeouts timeouts(EventLoop loop) {
        return timeouts.computeIfAbsent(loop, LoopTimeouts::new);
    }

    public Class<? extends SocketChannel> channelType() {
        return channelType;
    }

    /** For jload's own loopback servers (the WebSocket warm-up's echo). */
    public Class<? extends io.netty.channel.ServerChannel> serverChannelType() {
        return serverChannelType;
    }

    /**
     * A server of jload's own on 127.0.0.1, any free port, on these loops (the warm-ups' echo and HTTP servers): each
     * accepted connection's pipeline is {@code handlers}' handlers, in order, made afresh.
     */
    public io.netty.channel.Channel loopbackServer(java.util.function.Supplier<io.netty.channel.ChannelHandler[]> handlers)
            throws InterruptedException {
        return new io.netty.bootstrap.ServerBootstrap()
                .group(group)
                .channel(serverChannelType)
                .childHandler(new io.netty.channel.ChannelInitializer<>() {
                    @Override
                    protected void initChannel(io.netty.channel.Channel ch) {
                        ch.pipeline().addLast(handlers.get());
                    }
                })
                .bind("127.0.0.1", 0).sync().channel();
    }

    /** Every loop, for a server that accepts on them. */
    public EventLoopGroup group() {
        return group;
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
