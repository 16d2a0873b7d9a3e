package jload.engine.script.js;

import java.time.Duration;
import java.util.List;
import jload.RedisClient;
import jload.RedisMessage;
import jload.RedisSubscription;
import jload.engine.proto.redis.RedisSetupException;
import jload.engine.script.EngineVu;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.Value;

/** The host object behind jload/redis ({@code globalThis.__jload_redis}); the module gives it JS names and shapes. */
public final class JsRedis {
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    private final EngineVu vu;

    JsRedis(EngineVu vu) {
        this.vu = vu;
    }

    @HostAccess.Export
    public Client client(String url) {
        return JsErrors.onBehalfOfScript(() -> {
            try {
                return new Client(vu.redis().client(url));
            } catch (RedisSetupException e) {
                throw new IllegalArgumentException("redis: " + e.getMessage());
            }
        });
    }

    /** A client's commands, arguments as strings. */
    public static final class Client {
        private final RedisClient c;

        Client(RedisClient c) {
            this.c = c;
        }

        private static <T> T call(java.util.function.Supplier<T> body) {
            return JsErrors.failuresToScript(body);
        }

        @HostAccess.Export public double publish(String channel, String message, boolean stamp) {
            return call(() -> c.publish(channel, message, stamp ? java.util.Map.of("stamp", true) : java.util.Map.of()));
        }
        @HostAccess.Export public String get(String key) { return call(() -> c.get(key)); }
        @HostAccess.Export public String set(String key, String value) { return call(() -> c.set(key, value)); }
        @HostAccess.Export public double del(String[] keys) { return call(() -> c.del(keys)); }
        @HostAccess.Export public double incr(String key) { return call(() -> c.incr(key)); }
        @HostAccess.Export public boolean expire(String key, double seconds) { return call(() -> c.expire(key, (long) seconds)); }
        @HostAccess.Export public String lastError() { return c.lastError(); }
        @HostAccess.Export public void outage(double millis) { call(() -> { c.outage((long) millis); return null; }); }

        /** Any command; the reply as JSON text (strings, numbers, arrays of them, null). */
        @HostAccess.Export
        public String command(String name, String[] args) {
            return call(() -> {
                try {
                    return JSON.writeValueAsString(c.command(name, args));
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    throw new IllegalStateException(e);
                }
            });
        }

        @HostAccess.Export
        public Subscription subscribe(String[] channels, boolean persist) {
            return call(() -> new Subscription(c.subscribe(List.of(channels), persist ? java.util.Map.of("persist", true) : java.util.Map.of())));
        }
    }

    /** A subscription; its messages cross as host objects the module turns into plain ones. */
    public static final class Subscription {
        private final RedisSubscription s;

        Subscription(RedisSubscription s) {
            this.s = s;
        }

        @HostAccess.Export public boolean ok() { return s.ok(); }
        @HostAccess.Export public String error() { return s.error(); }
        @HostAccess.Export public void close() { s.close(); }

        @HostAccess.Export
        public Message expect(Value match, Value timeout) {
            Duration t = JsDurations.of(timeout, jload.WebSocket.DEFAULT_TIMEOUT);
            RedisMessage m = s.expect(msg -> match.execute(new Message(msg)).asBoolean(), t);
            return m == null ? null : new Message(m);
        }

        @HostAccess.Export
        public Message[] messages() {
            return s.messages().stream().map(Message::new).toArray(Message[]::new);
        }
    }

    public static final class Message {
        private final RedisMessage m;

        Message(RedisMessage m) {
            this.m = m;
        }

        @HostAccess.Export public String channel() { return m.channel(); }
        @HostAccess.Export public String text() { return m.text(); }
        @HostAccess.Export public double receivedAt() { return m.receivedAtEpochMillis(); }
    }
}
