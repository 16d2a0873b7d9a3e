package jload.engine.script;

import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import jload.Counter;
import jload.Execution;
import jload.Gauge;
import jload.Metrics;
import jload.Rate;
import jload.Trend;
import jload.WebSockets;
import jload.engine.metrics.BuiltinMetrics;
import jload.engine.metrics.MetricRegistry;
import jload.engine.metrics.MetricType;
import jload.engine.metrics.ValueKind;
import java.util.List;
import jload.engine.metrics.TagSet;
import jload.engine.proto.ws.WsClient;

/**
 * Not a real VU: the one that runs a script's init code once to read its options and exported
 * functions (k6's "init context"). Metrics made there record nothing, but are listed in
 * {@code declared} (so {@code jload inspect} can check thresholds against them); everything a VU
 * does at run time is refused with a message that says why.
 */
public record InitOnlyVu(Map<String, String> env, List<DeclaredMetric> declared) implements EngineVu {
    /** A custom metric the init code creates. */
    public record DeclaredMetric(String name, MetricType type, ValueKind kind) {}

    public InitOnlyVu(Map<String, String> env) {
        this(env, new java.util.concurrent.CopyOnWriteArrayList<>());
    }

    private static IllegalStateException initOnly(String what) {
        return new IllegalStateException(what + " is not available in the init context (the top level of the script)");
    }

    @Override public MetricRegistry registry() { throw initOnly("metrics"); }
    @Override public BuiltinMetrics builtins() { throw initOnly("metrics"); }
    @Override public WsClient wsClient() { throw initOnly("k6/ws"); }
    @Override public TagSet tagSet() { return TagSet.EMPTY; }
    @Override public boolean throwErrors() { return false; }
    @Override public int vu() { return 0; }
    @Override public long iteration() { return 0; }
    @Override public boolean check(String n, boolean p, Map<String, String> t) { throw initOnly("check()"); }
    @Override public <T> T group(String n, Supplier<T> b) { throw initOnly("group()"); }
    @Override public void sleep(Duration d) { throw initOnly("sleep()"); }
    @Override public Metrics metrics() {
        return new Metrics() {
            @Override public Counter counter(String name) { return declare(name, MetricType.COUNTER, ValueKind.DEFAULT); }
            @Override public Gauge gauge(String name) { return declare(name, MetricType.GAUGE, ValueKind.DEFAULT); }
            @Override public Rate rate(String name) { return declare(name, MetricType.RATE, ValueKind.DEFAULT); }
            @Override public Trend trend(String name, boolean isTime) {
                return declare(name, MetricType.TREND, isTime ? ValueKind.TIME : ValueKind.DEFAULT);
            }
        };
    }

    private NoMetrics declare(String name, MetricType type, ValueKind kind) {
        declared.add(new DeclaredMetric(name, type, kind));
        return NoMetrics.INSTANCE;
    }
    @Override public WebSockets ws() { throw initOnly("opening a WebSocket"); }
    @Override public jload.engine.proto.socketio.VuSocketIos socketio() { throw initOnly("opening a Socket.IO connection"); }
    @Override public jload.TargetMetrics targetMetrics() { throw initOnly("scraping the target's metrics"); }
    /** Reading the options: a client's URI is checked here, its deployment is reached when the VUs start. */
    @Override public jload.Mongo mongo() {
        return uri -> {
            jload.engine.proto.mongo.MongoConnections.check(uri);
            return new InitOnlyMongoClient();
        };
    }

    /** Reading the options: a client's URL is checked here, its server is reached when the VUs start. */
    @Override public jload.Http http() {
        return new jload.Http() {
            @Override
            public jload.HttpResponse send(String method, String url, byte[] body, java.util.Map<String, ?> params) {
                throw new IllegalStateException("making HTTP requests in the init context is not supported; make them in the default function, setup() or teardown()");
            }

            @Override
            public java.util.List<jload.HttpResponse> batch(java.util.List<BatchRequest> requests) {
                throw new IllegalStateException("making HTTP requests in the init context is not supported; make them in the default function, setup() or teardown()");
            }

            @Override
            public jload.CookieJar cookieJar() {
                throw new IllegalStateException("making cookie jars in the init context is not supported");
            }

            @Override
            public jload.CookieJar newCookieJar() {
                return new jload.engine.proto.http.VuCookies(); // k6 makes jars in the init context too
            }

            @Override
            public void setExpectedStatuses(java.util.List<?> statuses) {
                // Scripts set it at the top level; this pass makes no requests, and each VU's own init sets its own.
            }
        };
    }

    @Override public jload.Redis redis() {
        return url -> {
            jload.engine.proto.redis.RedisConnections.check(url);
            return new InitOnlyRedisClient();
        };
    }
    @Override public Execution execution() { throw initOnly("execution information"); }

    /** Metrics made while reading options go nowhere: only VUs record. */
    private enum NoMetrics implements Metrics, Counter, Gauge, Rate, Trend {
        INSTANCE;
        @Override public Counter counter(String name) { return this; }
        @Override public Gauge gauge(String name) { return this; }
        @Override public Rate rate(String name) { return this; }
        @Override public Trend trend(String name, boolean isTime) { return this; }
        @Override public void add(double value) {}
        @Override public void add(double value, Map<String, String> tags) {}
        @Override public void add(boolean value) {}
        @Override public void add(boolean value, Map<String, String> tags) {}
    }
}
