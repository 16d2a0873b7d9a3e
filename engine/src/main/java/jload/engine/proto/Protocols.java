package jload.engine.proto;

import jload.engine.proto.ws.WsClient;

/**
 * The protocol clients one run shares between its VUs, and the event loops under them, created on
 * first use and closed when the run ends.
 */
public final class Protocols implements AutoCloseable {
    private final boolean insecureSkipTlsVerify;
    private volatile IoLoops loops;
    private volatile WsClient ws;
    private volatile jload.engine.proto.scrape.ScrapeClient scrape;
    private volatile jload.engine.proto.http.HttpClient http;
    private volatile jload.engine.proto.redis.RedisConnections redis;
    private volatile jload.engine.proto.mongo.MongoConnections mongo;

    private final jload.engine.plan.HttpOptions httpOptions;

    public Protocols(boolean insecureSkipTlsVerify) {
        this(insecureSkipTlsVerify, jload.engine.plan.HttpOptions.DEFAULTS);
    }

    /** @param httpOptions the script's HTTP options (its {@code insecureSkipTLSVerify} applies to every client too) */
    public Protocols(boolean insecureSkipTlsVerify, jload.engine.plan.HttpOptions httpOptions) {
        this.insecureSkipTlsVerify = insecureSkipTlsVerify || httpOptions.insecureSkipTlsVerify();
        this.httpOptions = httpOptions;
    }

    public IoLoops loops() {
        IoLoops l = loops;
        if (l == null) {
            synchronized (this) {
                if ((l = loops) == null) loops = l = new IoLoops();
            }
        }
        return l;
    }

    public WsClient ws() {
        WsClient c = ws;
        if (c == null) {
            synchronized (this) {
                if ((c = ws) == null) ws = c = new WsClient(loops(), insecureSkipTlsVerify, httpOptions.tlsProtocols(), httpOptions.tlsCipherSuites(),
                        httpOptions.tlsAuth());
            }
        }
        return c;
    }

    public jload.engine.proto.scrape.ScrapeClient scrape() {
        var c = scrape;
        if (c == null) {
            synchronized (this) {
                if ((c = scrape) == null) scrape = c = new jload.engine.proto.scrape.ScrapeClient(loops(), insecureSkipTlsVerify);
            }
        }
        return c;
    }

    public jload.engine.proto.http.HttpClient http() {
        var c = http;
        if (c == null) {
            synchronized (this) {
                if ((c = http) == null) http = c = new jload.engine.proto.http.HttpClient(loops(), insecureSkipTlsVerify, httpOptions);
            }
        }
        return c;
    }

    public jload.engine.proto.redis.RedisConnections redis() {
        var c = redis;
        if (c == null) {
            synchronized (this) {
                if ((c = redis) == null) redis = c = new jload.engine.proto.redis.RedisConnections();
            }
        }
        return c;
    }

    public jload.engine.proto.mongo.MongoConnections mongo() {
        var c = mongo;
        if (c == null) {
            synchronized (this) {
                if ((c = mongo) == null) mongo = c = new jload.engine.proto.mongo.MongoConnections();
            }
        }
        return c;
    }

    /**
     * Runs the WebSocket client's code before the test ({@link WsWarmup}), against {@code target}
     * (an echo jload itself started) or an echo of its own when null, then {@code then} against the same echo (the
     * script's warm-up; null: none). Returns how long it all took.
     */
    public java.time.Duration warmUpWebSockets(java.net.URI target, java.util.function.Consumer<java.net.URI> then) {
        long start = System.nanoTime();
        jload.engine.proto.ws.WsWarmup.run(ws(), loops(), target, java.time.Duration.ofSeconds(3), then);
        return java.time.Duration.ofNanos(System.nanoTime() - start);
    }

    /** Runs the HTTP client's code before the test ({@link jload.engine.proto.http.HttpWarmup}); returns how long it took. */
    public java.time.Duration warmUpHttp() {
        long start = System.nanoTime();
        jload.engine.proto.http.HttpWarmup.run(http(), loops(), java.time.Duration.ofSeconds(3));
        return java.time.Duration.ofNanos(System.nanoTime() - start);
    }

    @Override
    public synchronized void close() {
        if (redis != null) redis.close();
        redis = null;
        if (mongo != null) mongo.close();
        mongo = null;
        if (loops != null) loops.close();
        loops = null;
        ws = null;
        scrape = null;
        http = null;
    }
}
