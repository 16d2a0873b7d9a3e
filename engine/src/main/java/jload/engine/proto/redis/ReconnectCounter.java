package jload.engine.proto.redis;

import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisConnectionStateListener;
import java.net.SocketAddress;
import java.util.Collections;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * Tells a reconnect from a first connect: Lettuce reports every time a connection's channel becomes active, the
 * first time included. A connection seen before is reconnecting. Weakly held, so closed connections are forgotten.
 * Called on Lettuce's I/O threads.
 */
final class ReconnectCounter implements RedisConnectionStateListener {
    private final Set<RedisChannelHandler<?, ?>> seen = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));
    private final Runnable onReconnect;

    ReconnectCounter(Runnable onReconnect) {
        this.onReconnect = onReconnect;
    }

    @Override
    public void onRedisConnected(RedisChannelHandler<?, ?> connection, SocketAddress address) {
        if (!seen.add(connection)) onReconnect.run();
    }
}
