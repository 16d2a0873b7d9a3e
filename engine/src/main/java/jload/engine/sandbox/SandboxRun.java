package jload.engine.sandbox;

import jload.engine.proto.redis.RedisServerProcess;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import jload.engine.plan.ConfigException;
import jload.engine.script.ScriptNeeds;

/**
 * The sandbox of a {@code jload run --sandbox}: the target server, the Redis a scenario that uses Redis needs — the
 * one {@code REDIS_URL} names, or else a redis-server of the run's own on a free port (stopped, by its process, when
 * the run ends) — and the MongoDB one that uses MongoDB needs: {@code MONGO_URL}'s, or else an in-memory
 * MongoDB-compatible server in this process ({@link EmbeddedMongo}); its catch-up replay reads that database. The
 * script gets the addresses as variables ({@link #variables()}); its own {@code -e} values win.
 */
public final class SandboxRun implements AutoCloseable {
    private final SandboxServer server;
    private final RedisServerProcess ownRedis;
    private final EmbeddedMongo ownMongo;
    private final Map<String, String> variables = new LinkedHashMap<>();

    private SandboxRun(SandboxServer server, RedisServerProcess ownRedis, EmbeddedMongo ownMongo) {
        this.server = server;
        this.ownRedis = ownRedis;
        this.ownMongo = ownMongo;
    }

    /**
     * @param given the variables the script would get without the sandbox (the system's, then {@code -e}): a
     *              {@code REDIS_URL} or {@code MONGO_URL} there is used rather than starting a server
     * @throws ConfigException when the sandbox cannot start, or the scenario needs Redis and there is none to be had
     */
    public static SandboxRun start(SocketIoLimits limits, ScriptNeeds needs, Map<String, String> given, Consumer<String> info) {
        SandboxConfig config = SandboxConfig.defaults().withSocketIoLimits(limits);
        RedisServerProcess ownRedis = null;
        EmbeddedMongo ownMongo = null;
        try {
            if (needs.redis()) {
                String url = given.get("REDIS_URL");
                if (url == null || url.isBlank()) {
                    if (!RedisServerProcess.available()) {
                        throw new ConfigException("--sandbox: the script uses Redis and there is no redis-server on the PATH to start one: "
                                + "install it (apt-get install redis-server, brew install redis) or pass -e REDIS_URL=redis://host:6379");
                    }
                    ownRedis = RedisServerProcess.start();
                    url = ownRedis.url();
                    info.accept("sandbox Redis: " + url + " (a redis-server of this run's own; rooms fed from channel "
                            + config.redisChannel() + ")");
                }
                config = config.withRedis(url, config.redisChannel());
            }
            if (needs.mongo()) {
                String uri = given.get("MONGO_URL");
                if (uri == null || uri.isBlank()) {
                    ownMongo = EmbeddedMongo.start();
                    uri = ownMongo.uri();
                    info.accept("sandbox MongoDB: " + uri + " (in-memory, MongoDB-compatible, not a mongod; catch-up reads "
                            + MongoCatchUpStore.DATABASE + "." + MongoCatchUpStore.COLLECTION + ")");
                }
                config = config.withMongo(uri);
            }
            SandboxServer server = SandboxServer.start(config);
            info.accept("sandbox target: " + server.wsBase() + " (WebSocket), " + server.httpBase() + " (HTTP)");
            SandboxRun run = new SandboxRun(server, ownRedis, ownMongo);
            run.variables.put("TARGET", server.wsBase().toString());
            run.variables.put("TARGET_HTTP", server.httpBase().toString());
            run.variables.put("TARGET_SIO", server.socketIoBase().toString());
            run.variables.put("SANDBOX_TOKEN", server.sampleToken("jload", java.time.Duration.ofHours(24)));
            putCaps(run.variables, config.socketIoLimits());
            if (config.redisUrl() != null) {
                run.variables.put("REDIS_URL", config.redisUrl());
                run.variables.put("REDIS_CHANNEL", config.redisChannel());
            }
            if (config.mongoUri() != null) {
                run.variables.put("MONGO_URL", config.mongoUri());
                run.variables.put("CATCHUP_DATABASE", MongoCatchUpStore.DATABASE);
                run.variables.put("CATCHUP_COLLECTION", MongoCatchUpStore.COLLECTION);
            }
            return run;
        } catch (IOException | RuntimeException e) {
            if (ownRedis != null) ownRedis.close();
            if (ownMongo != null) ownMongo.close();
            if (e instanceof ConfigException c) throw c;
            throw new ConfigException("--sandbox: the built-in target could not start: " + e.getMessage());
        }
    }

    /**
     * The Socket.IO caps the sandbox was given, so a scenario that probes one (scripts/connection-quota.js, …) takes
     * its limit from them: SANDBOX_SIO_ERROR_EVENT and SANDBOX_SIO_RING_TIMEOUT (ms, scripts/call-requests.js) always, SANDBOX_SIO_MAX_CONNECTIONS, _MAX_CONNECTIONS_PER_ORIGIN,
     * _MAX_SUBSCRIPTIONS and _IDLE_TIMEOUT (ms) when set.
     */
    private static void putCaps(Map<String, String> variables, SocketIoLimits caps) {
        variables.put("SANDBOX_SIO_ERROR_EVENT", caps.errorEvent());
        variables.put("SANDBOX_SIO_RING_TIMEOUT", String.valueOf(caps.ringTimeout().toMillis()));
        if (caps.maxConnections() > 0) variables.put("SANDBOX_SIO_MAX_CONNECTIONS", String.valueOf(caps.maxConnections()));
        if (caps.maxConnectionsPerOrigin() > 0) {
            variables.put("SANDBOX_SIO_MAX_CONNECTIONS_PER_ORIGIN", String.valueOf(caps.maxConnectionsPerOrigin()));
        }
        if (caps.maxSubscriptionsPerClient() > 0) {
            variables.put("SANDBOX_SIO_MAX_SUBSCRIPTIONS", String.valueOf(caps.maxSubscriptionsPerClient()));
        }
        if (!caps.idleTimeout().isZero()) variables.put("SANDBOX_SIO_IDLE_TIMEOUT", String.valueOf(caps.idleTimeout().toMillis()));
    }

    /**
     * What the script is told: TARGET, TARGET_HTTP, TARGET_SIO, SANDBOX_TOKEN, the SANDBOX_SIO_* caps; REDIS_URL, REDIS_CHANNEL when it uses
     * Redis; MONGO_URL, CATCHUP_DATABASE, CATCHUP_COLLECTION when it uses MongoDB.
     */
    public Map<String, String> variables() {
        return variables;
    }

    public SandboxServer server() {
        return server;
    }

    @Override
    public void close() {
        server.close();
        if (ownRedis != null) ownRedis.close();
        if (ownMongo != null) ownMongo.close();
    }
}
