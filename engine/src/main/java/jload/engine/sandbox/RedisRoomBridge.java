package jload.engine.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisURI;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * Rooms fed from a Redis channel, as a realtime gateway behind a Redis pub/sub bus is (seed 001's
 * {@code novel.realtime.events}): every message published to the channel that is a JSON object with a string
 * {@code room} is handed to the endpoints, which send it to that room's members ({@code /ws/rooms}, and the Socket.IO
 * endpoint's {@code /} namespace as the event named by {@code event}, default {@code broadcast}). Anything else is
 * counted and dropped. Lettuce reconnects and subscribes again after an outage; the counts at {@code /metrics} show
 * what arrived, what was dropped, and how often the subscription came back.
 */
final class RedisRoomBridge implements PrometheusSection, AutoCloseable {
    private final String channel;
    private final String maskedUrl;
    private final RedisClient client;
    private final StatefulRedisPubSubConnection<String, String> connection;
    private final Map<String, LongAdder> messages = new ConcurrentHashMap<>();
    private final LongAdder reconnects = new LongAdder();
    private volatile boolean connected;

    private RedisRoomBridge(String url, String channel, Consumer<RoomEvent> deliver) {
        this.channel = channel;
        this.maskedUrl = jload.engine.proto.redis.RedisUrls.masked(url);
        RedisURI uri = jload.engine.proto.redis.RedisUrls.parse(url);
        uri.setTimeout(Duration.ofSeconds(5));
        jload.engine.proto.redis.LettuceLog.silence();
        this.client = RedisClient.create(uri);
        client.addListener(new RedisConnectionStateListener() {
            private boolean first = true;

            @Override
            public synchronized void onRedisConnected(RedisChannelHandler<?, ?> c, SocketAddress address) {
                if (!first) reconnects.increment();
                first = false;
                connected = true;
            }

            @Override
            public void onRedisDisconnected(RedisChannelHandler<?, ?> c) {
                connected = false;
            }
        });
        StatefulRedisPubSubConnection<String, String> c = null;
        try {
            c = client.connectPubSub();
            listen(c, deliver);
            c.sync().subscribe(channel);
        } catch (RuntimeException e) {
            if (c != null) c.closeAsync();
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2)); // its threads, and any reconnecting, go with it
            throw e;
        }
        this.connection = c;
    }

    private void listen(StatefulRedisPubSubConnection<String, String> connection, Consumer<RoomEvent> deliver) {
        connection.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String from, String text) {
                Optional<ObjectNode> parsed = JsonMessages.parseObject(text);
                Optional<String> room = parsed.flatMap(o -> JsonMessages.text(o, "room"));
                if (parsed.isEmpty()) count("not_json_object");
                else if (room.isEmpty()) count("no_room");
                else {
                    count("delivered");
                    deliver.accept(new RoomEvent(room.get(), JsonMessages.text(parsed.get(), "event").orElse(RoomEvent.DEFAULT_EVENT), parsed.get()));
                }
            }
        });
    }

    /**
     * Subscribes to {@code channel} on {@code url} and hands its room events to {@code deliver} (on Lettuce's thread).
     * @throws IllegalStateException naming the URL (password masked) when it is malformed or the server refuses
     */
    static RedisRoomBridge start(String url, String channel, Consumer<RoomEvent> deliver) {
        try {
            return new RedisRoomBridge(url, channel, deliver);
        } catch (RuntimeException e) {
            throw new IllegalStateException("Redis " + jload.engine.proto.redis.RedisUrls.masked(url) + ": " + e.getMessage());
        }
    }

    private void count(String outcome) {
        messages.computeIfAbsent(outcome, o -> new LongAdder()).increment();
    }

    String channel() {
        return channel;
    }

    String maskedUrl() {
        return maskedUrl;
    }

    @Override
    public void writeTo(StringBuilder out) {
        String label = "channel=\"" + channel.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        SandboxMetrics.header(out, "sandbox_redis_messages_total", "counter",
                "Messages from the Redis channel: delivered to a room, or dropped (not_json_object, no_room).");
        for (String outcome : List.of("delivered", "not_json_object", "no_room")) {
            LongAdder n = messages.get(outcome);
            SandboxMetrics.sample(out, "sandbox_redis_messages_total", label + ",outcome=\"" + outcome + "\"", n == null ? 0 : n.sum());
        }
        SandboxMetrics.header(out, "sandbox_redis_connected", "gauge", "Whether the room bridge's Redis subscription is connected (1) or not (0).");
        SandboxMetrics.sample(out, "sandbox_redis_connected", label, connected ? 1 : 0);
        SandboxMetrics.header(out, "sandbox_redis_reconnects_total", "counter", "Times the room bridge's Redis subscription came back after it was lost.");
        SandboxMetrics.sample(out, "sandbox_redis_reconnects_total", label, reconnects.sum());
    }

    @Override
    public void close() {
        connection.closeAsync();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
}
