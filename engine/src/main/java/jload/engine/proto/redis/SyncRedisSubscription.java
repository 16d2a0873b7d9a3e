package jload.engine.proto.redis;

import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import jload.RedisMessage;
import jload.RedisSubscription;
import jload.engine.exec.VuInterrupted;

/**
 * A VU's SUBSCRIBE on a connection of its own. Lettuce's I/O thread appends messages to the backlog; the VU's
 * {@link #expect} takes the first that matches, in order, waiting (parked, no platform thread held) for new ones.
 * The backlog keeps at most {@link #MAX_KEPT}; an older one dropped for a new one is reported ({@code onDropped}).
 */
final class SyncRedisSubscription implements RedisSubscription {
    static final int MAX_KEPT = 100_000;

    private final StatefulRedisPubSubConnection<String, String> connection;
    private final String error;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    private final LinkedList<ReceivedRedisMessage> backlog = new LinkedList<>();
    private final Runnable onDropped;
    private volatile boolean closed;

    private SyncRedisSubscription(StatefulRedisPubSubConnection<String, String> connection, String error, Runnable onDropped) {
        this.connection = connection;
        this.error = error;
        this.onDropped = onDropped;
    }

    static SyncRedisSubscription failed(String error) {
        return new SyncRedisSubscription(null, error, () -> { });
    }

    /**
     * Subscribes {@code connection} to {@code channels}; on Lettuce's thread, {@code onMessage} runs for each message and
     * {@code onDropped} for each kept one the full backlog dropped.
     */
    static SyncRedisSubscription open(StatefulRedisPubSubConnection<String, String> connection, List<String> channels, Runnable onMessage,
                                      Runnable onDropped) {
        SyncRedisSubscription s = new SyncRedisSubscription(connection, null, onDropped);
        connection.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String message) {
                s.add(new ReceivedRedisMessage(channel, message, System.nanoTime()));
                onMessage.run();
            }
        });
        connection.sync().subscribe(channels.toArray(String[]::new));
        return s;
    }

    private void add(ReceivedRedisMessage m) {
        lock.lock();
        try {
            backlog.addLast(m);
            if (backlog.size() > MAX_KEPT) {
                backlog.removeFirst();
                onDropped.run();
            }
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean ok() {
        return error == null;
    }

    @Override
    public String error() {
        return error;
    }

    @Override
    public RedisMessage expect(Predicate<RedisMessage> match, Duration timeout) {
        if (connection == null) return null;
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            int scanned = 0;
            while (true) {
                Iterator<ReceivedRedisMessage> it = backlog.iterator();
                for (int i = 0; i < scanned && it.hasNext(); i++) it.next();
                while (it.hasNext()) {
                    ReceivedRedisMessage m = it.next();
                    if (match.test(m)) {
                        it.remove();
                        return m;
                    }
                    scanned++;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || closed) return null;
                arrived.await(left, TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VuInterrupted();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<RedisMessage> messages() {
        lock.lock();
        try {
            List<RedisMessage> all = new ArrayList<>(backlog);
            backlog.clear();
            return all;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        if (closed || connection == null) return;
        closed = true;
        connection.closeAsync();
        lock.lock();
        try {
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
