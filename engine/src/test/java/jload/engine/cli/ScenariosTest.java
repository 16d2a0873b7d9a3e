package jload.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ready-made scenarios in scripts/ (the seeds' harnesses) run against the sandbox with small parameters and pass
 * their thresholds; the way they fail (a bad token, a wrong parameter) is the one their headers promise.
 */
class ScenariosTest {
    private static final Path SCRIPTS = Path.of("..", "scripts");

    @TempDir
    Path dir;

    private JsonNode run(int expectedExit, String script, String... flags) {
        Path export = dir.resolve(script + ".export.json");
        String[] args = new String[flags.length + 8];
        args[0] = "run";
        args[1] = "-q";
        args[2] = "--sandbox";
        args[3] = "--summary-export";
        args[4] = export.toString();
        args[5] = "--summary-trend-stats";
        args[6] = "avg,p(95),count";
        System.arraycopy(flags, 0, args, 7, flags.length);
        args[args.length - 1] = SCRIPTS.resolve(script).toString();
        Jload.Result r = Jload.run(args);
        assertEquals(expectedExit, r.exitCode(), r::toString);
        return expectedExit == 0 || expectedExit == 99 ? r.export(export) : null;
    }

    @Test
    void presenceSoakHoldsAuthenticatedSessionsAndTimesTheReplies() {
        JsonNode m = run(0, "presence-soak.js", "-e", "CONNECTIONS=4", "-e", "SESSION=1500ms", "-e", "INTERVAL=300ms").path("metrics");
        assertEquals(4, m.path("ws_sessions").path("count").asInt(), m::toPrettyString);
        assertTrue(m.path("ws_rtt").path("count").asInt() >= 4 * 4, m::toPrettyString); // a reply timed per send
        assertTrue(m.has("target_sandbox_connections"), "the target's metrics are read beside the load: " + m);
    }

    @Test
    void presenceSoakFailsOnARejectedTokenAndOnAWrongParameter() {
        JsonNode m = run(99, "presence-soak.js", "-e", "CONNECTIONS=2", "-e", "SESSION=500ms", "-e", "TOKEN=not-a-jwt").path("metrics");
        assertEquals(2, m.path("ws_errors").path("count").asInt(), m::toPrettyString);
        Path export = dir.resolve("bad.json");
        Jload.Result bad = Jload.run("run", "-q", "--sandbox", "--summary-export", export.toString(), "-e", "INTERVAL=soon",
                SCRIPTS.resolve("presence-soak.js").toString());
        assertEquals(107, bad.exitCode(), bad::toString);
        assertTrue(bad.stderr().contains("-e INTERVAL=soon: expected a duration"), bad.stderr());
    }

    @Test
    void progressiveRampJudgesEachStepAndChecksHealthBeforeAndAfter() {
        JsonNode export = run(0, "progressive-ramp.js", "-e", "NAMES=small,larger", "-e", "STEPS=3,6", "-e", "RAMPS=500ms,500ms",
                "-e", "HOLDS=1s,1s", "-e", "INTERVALS=200ms,200ms", "-e", "SUCCESS=1,1", "-e", "RTT_P95=200,200", "-e", "COOLDOWN=300ms", "-e", "RAMP_DOWN=300ms");
        JsonNode m = export.path("metrics");
        assertEquals(9, m.path("ws_sessions").path("count").asInt(), "one connection per VU per step: " + m.toPrettyString());
        assertTrue(m.has("connection_success{scenario:small}") && m.has("ws_rtt{scenario:larger}"), m::toPrettyString);
        assertEquals(2, m.path("checks{phase:health}").path("passes").asInt(), m::toPrettyString);
        Jload.Result mismatched = Jload.run("run", "-q", "--sandbox", "-e", "STEPS=1,2", SCRIPTS.resolve("progressive-ramp.js").toString());
        assertEquals(107, mismatched.exitCode(), mismatched::toString);
        assertTrue(mismatched.stderr().contains("-e STEPS=1,2: expected 3 items, one per step (quick, medium, stress)"), mismatched.stderr());
    }

    @Test
    void theQuotaScenariosProveEachSandboxCapAndSayInTheSeedsWordsWhenOneDoesNotHold() {
        JsonNode connections = run(0, "connection-quota.js", "--sio-max-connections", "4").path("metrics");
        assertEquals(3, connections.path("quota_refused").path("count").asInt(), connections::toPrettyString);
        assertEquals(4, connections.path("quota_admitted").path("count").asInt(), connections::toPrettyString);
        JsonNode origins = run(0, "origin-quota.js", "--sio-max-connections-per-origin", "3", "-e", "EXTRAS=2").path("metrics");
        assertEquals(2, origins.path("quota_refused").path("count").asInt(), origins::toPrettyString);
        JsonNode rooms = run(0, "subscription-cap.js", "--sio-max-subscriptions", "3").path("metrics");
        assertEquals(3, rooms.path("quota_refused").path("count").asInt(), rooms::toPrettyString);
        JsonNode idle = run(0, "idle-eviction.js", "--sio-idle-timeout", "800ms", "-e", "CLIENTS=4", "-e", "BUSY=1").path("metrics");
        assertEquals(4, idle.path("evicted").path("count").asInt(), idle::toPrettyString);

        // A gateway that does not hold its cap: the scenario fails and says which attempt and what was expected.
        Path export = dir.resolve("uncapped.json");
        Jload.Result uncapped = Jload.run("run", "-q", "--sandbox", "--summary-export", export.toString(), "-e", "LIMIT=2", "-e", "EXTRAS=1",
                SCRIPTS.resolve("connection-quota.js").toString());
        assertEquals(99, uncapped.exitCode(), uncapped::toString);
        assertTrue(uncapped.stderr().contains("3rd connection was accepted; expected rejection 'Too many realtime connections'"), uncapped.stderr());
        assertTrue(uncapped.stderr().contains("sandbox_socketio_connections_peak = 3, above the limit of 2"), uncapped.stderr());
    }

    @Test
    void broadcastBurstCountsWhatTheGatewayLosesInARedisOutage() {
        // A restart of the run's own redis-server before the 10th of 30 events: the publisher's failed publishes are
        // retried; the sandbox's bridge subscribes again; what it missed meanwhile is counted, not hidden.
        JsonNode m = run(0, "broadcast-burst.js", "-e", "SUBSCRIBERS=5", "-e", "EVENTS=30", "-e", "EVERY_MS=50", "-e", "OUTAGE_AT=10",
                "-e", "OUTAGE_MS=500", "-e", "DROPPED_MAX=150").path("metrics");
        assertTrue(m.path("fanout_latency").path("count").asInt() > 0, "deliveries after the outage: " + m.toPrettyString());
        assertTrue(m.has("fanout_dropped") && m.has("redis_reconnects"), m::toPrettyString);
        assertTrue(m.path("redis_reconnects").path("count").asInt() >= 1, "the run's Redis connections came back: " + m.toPrettyString());
    }

    @Test
    void theK6StyleConnectionTestAndItsJloadTwinMeasureTheSame() {
        String[] small = {"-e", "TARGET=6", "-e", "RAMP_UP=1s", "-e", "STEADY=1s", "-e", "RAMP_DOWN=500ms", "-e", "HOLD_MIN=300", "-e", "HOLD_MAX=600"};
        for (String script : new String[] {"websocket-connections.js", "websocket-connections-jload.js"}) {
            JsonNode m = run(0, script, small).path("metrics");
            int iterations = m.path("iterations").path("count").asInt();
            assertTrue(iterations >= 6, script + ": " + m.toPrettyString());
            assertEquals(iterations, m.path("ws_connection_success_rate").path("passes").asInt(), script + ": every connection counted once, as a success");
            assertEquals(iterations, m.path("ws_connection_time").path("count").asInt(), script + ": " + m.toPrettyString());
        }
        // The seed's smoke test form: k6's -u/-d replace the stages.
        JsonNode smoke = run(0, "websocket-connections.js", "-u", "3", "-d", "2s", "-e", "HOLD_MIN=200", "-e", "HOLD_MAX=300").path("metrics");
        assertEquals(3, smoke.path("vus_max").path("value").asInt(), smoke::toPrettyString);
    }

    @Test
    void theCallBurstAndItsJloadTwinAnswerEveryRequestOnceWithTheAgentsDecisions() {
        String[] small = {"--sio-ring-timeout", "1s", "-e", "CALL_RATE=4", "-e", "TEST_DURATION=3s", "-e", "AGENTS=3", "-e", "ACCEPT=0.6",
                "-e", "RING_OUT=0", "-e", "ANSWER_MS=100", "-e", "CLICK_MS=100", "-e", "CALL_MS=300", "-e", "WAIT=3s", "-e", "JOIN_TIMEOUT=3s"};
        for (String script : new String[] {"call-requests.js", "call-requests-jload.js"}) {
            JsonNode m = run(0, script, small).path("metrics");
            int requested = m.path("calls_requested").path("count").asInt();
            int accepted = m.path("calls_accepted").path("count").asInt();
            int rejected = m.path("calls_rejected").path("count").asInt();
            assertTrue(requested >= 10, script + ": 4 a second for 3 s, each visitor assigned one of 3 agents: " + m.toPrettyString());
            assertEquals(requested, accepted + rejected + m.path("calls_timed_out").path("count").asInt(),
                    script + ": every request answered once: " + m.toPrettyString());
            assertTrue(accepted >= 1 && rejected >= 1, script + ": agents accepted some and rejected others: " + m.toPrettyString());
            assertEquals(accepted, m.path("call_accept_time").path("count").asInt(), script);
            assertEquals(0, m.path("connection_failures").path("count").asInt(), script);
        }
        // Agents who never answer: every call rings for the server's timeout (1 s) and is told as a timeout; the agent
        // marked away comes back, so later calls ring again rather than all finding the agents busy.
        JsonNode ringing = run(0, "call-requests-jload.js", "--sio-ring-timeout", "1s", "-e", "CALL_RATE=2", "-e", "TEST_DURATION=3s", "-e", "AGENTS=6",
                "-e", "ACCEPT=0", "-e", "RING_OUT=1", "-e", "CLICK_MS=100", "-e", "WAIT=3s", "-e", "JOIN_TIMEOUT=3s").path("metrics");
        assertEquals(0, ringing.path("calls_accepted").path("count").asInt(), ringing::toPrettyString);
        int timedOut = ringing.path("calls_timed_out").path("count").asInt();
        assertTrue(timedOut >= 3, "calls rang out: " + ringing.toPrettyString());
        assertTrue(ringing.path("call_request_time").path("p(95)").asDouble() >= 900, "a ring-out is told after the ring timeout: " + ringing);
    }

    @Test
    void theWidgetFlowAndItsJloadTwinAssignVisitorsUntilTheAgentsAreFull() {
        String[] small = {"-e", "VISITORS=8", "-e", "RAMP_UP=1s", "-e", "STEADY=2s", "-e", "RAMP_DOWN=500ms", "-e", "SESSION_MIN=600ms",
                "-e", "SESSION_MAX=1s", "-e", "INTERACT=1", "-e", "AGENTS=1", "-e", "MAX_VISITORS=3"};
        for (String script : new String[] {"widget-flow.js", "widget-flow-jload.js"}) {
            JsonNode m = run(0, script, small).path("metrics");
            int assigned = m.path("agent_assigned_count").path("count").asInt();
            int unavailable = m.path("agent_unavailable_count").path("count").asInt();
            assertTrue(assigned >= 3 && unavailable >= 1, script + ": one agent shown to 3 visitors at most, 8 visitors at once: " + m.toPrettyString());
            assertEquals(assigned + unavailable, m.path("join_success_rate").path("passes").asInt(), script + ": each join answered once");
            assertEquals(assigned + unavailable, m.path("widget_join_time").path("count").asInt(), script);
            assertEquals(0, m.path("join_success_rate").path("fails").asInt(), script);
        }
        JsonNode alone = run(0, "widget-flow-jload.js", "-u", "2", "-d", "2s", "-e", "SESSION_MIN=300ms", "-e", "SESSION_MAX=500ms").path("metrics");
        assertEquals(0, alone.path("agent_assigned_count").path("count").asInt(), "-u/-d: visitors only, no agent to assign: " + alone);
        assertTrue(alone.path("agent_unavailable_count").path("count").asInt() >= 2, alone::toPrettyString);
    }

    @Test
    void theQuotaScenariosHoldAgainstARealSocketIoGatewayToo() throws Exception {
        // The npm socket.io 4 server with a gateway's guardrails (engine/src/test/socketio-server): -e parameters adapt
        // the scenarios to its metric names, without --sandbox.
        try (SocketIoServer gateway = SocketIoServer.start(java.util.Map.of("MAX_CONNECTIONS", "4", "MAX_SUBSCRIPTIONS", "3",
                "IDLE_TIMEOUT_MS", "700"))) {
            String[] target = {"-e", "SIO=" + gateway.url(), "-e", "METRICS_URL=" + gateway.url() + "/metrics"};
            JsonNode quota = runAgainst("connection-quota.js", target, "-e", "LIMIT=4", "-e", "METRIC=gateway_connections_peak");
            assertEquals(3, quota.path("quota_refused").path("count").asInt(), quota::toPrettyString);
            JsonNode rooms = runAgainst("subscription-cap.js", target, "-e", "LIMIT=3");
            assertEquals(3, rooms.path("quota_refused").path("count").asInt(), rooms::toPrettyString);
            JsonNode idle = runAgainst("idle-eviction.js", target, "-e", "IDLE_TIMEOUT=700ms", "-e", "CLIENTS=3", "-e", "BUSY=1",
                    "-e", "METRIC=gateway_connections");
            assertEquals(3, idle.path("evicted").path("count").asInt(), idle::toPrettyString);
        }
        try (SocketIoServer gateway = SocketIoServer.start(java.util.Map.of("MAX_PER_ORIGIN", "3"))) {
            JsonNode origins = runAgainst("origin-quota.js", new String[] {"-e", "SIO=" + gateway.url(), "-e", "METRICS_URL=" + gateway.url() + "/metrics",
                    "-e", "METRIC=gateway_connections_by_origin"}, "-e", "LIMIT=3", "-e", "EXTRAS=2");
            assertEquals(2, origins.path("quota_refused").path("count").asInt(), origins::toPrettyString);
        }
    }

    @Test
    void theBroadcastBurstFansOutAcrossARealSocketIoClusterAndCountsWhatItsRedisOutageLoses() throws Exception {
        // Two npm socket.io 4 instances joined by @socket.io/redis-adapter; the first relays the Redis bus channel to
        // the room (seed 001's gateway). Half the subscribers are on the second instance: they hear only what the
        // adapter carries across.
        org.junit.jupiter.api.Assumptions.assumeTrue(jload.engine.proto.redis.RedisServerProcess.available(), "no redis-server on the PATH");
        try (var redis = jload.engine.proto.redis.RedisServerProcess.start();
             SocketIoServer relay = SocketIoServer.start(java.util.Map.of("REDIS_URL", redis.url(), "BUS_CHANNEL", "novel.realtime.events"));
             SocketIoServer other = SocketIoServer.start(java.util.Map.of("REDIS_URL", redis.url()))) {
            String[] cluster = {"-e", "TARGET_SIO=" + relay.url() + "," + other.url(), "-e", "REDIS_URL=" + redis.url(),
                    "-e", "REDIS_CHANNEL=novel.realtime.events"};
            JsonNode calm = runAgainst("broadcast-burst.js", cluster, "-e", "SUBSCRIBERS=20", "-e", "EVENTS=40");
            assertEquals(20 * 40, calm.path("fanout_latency").path("count").asInt(), "every subscriber on both instances heard every event: " + calm);
            assertEquals(0, calm.path("fanout_dropped").path("count").asInt(), calm::toPrettyString);

            // Every Redis client but the publisher's is killed before event 20: the instances reconnect and subscribe
            // again by themselves (node-redis tries at once, so what is lost is at most the few events published
            // before it is back — sometimes none), and what did not arrive is counted.
            JsonNode outage = runAgainst("broadcast-burst.groovy", cluster, "-e", "SUBSCRIBERS=20", "-e", "EVENTS=80", "-e", "OUTAGE_AT=20",
                    "-e", "OUTAGE_KIND=kill", "-e", "OUTAGE_MS=1000", "-e", "DROPPED_MAX=1600");
            int heard = outage.path("fanout_latency").path("count").asInt();
            // HTTP/1.1: the JDK client would ask for an h2c upgrade, which socket.io takes as its own and drops.
            String relayMetrics = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(HttpRequest.newBuilder(URI.create(relay.url() + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            java.util.regex.Matcher reconnects = java.util.regex.Pattern.compile("gateway_redis_reconnects_total (\\d+)").matcher(relayMetrics);
            assertTrue(reconnects.find() && Integer.parseInt(reconnects.group(1)) >= 1, "the kill hit the gateway's Redis clients: " + relayMetrics);
            assertTrue(heard >= 20 * 70, "the cluster came back: at most 10 events lost to the outage: " + outage.toPrettyString());
            assertEquals(20 * 80 - heard, outage.path("fanout_dropped").path("count").asInt(), "what did not arrive is counted as dropped: " + outage);
        }
    }

    /** A scenario against a server of the test's own (no --sandbox); it must pass. */
    private JsonNode runAgainst(String script, String[] target, String... flags) {
        Path export = dir.resolve(script + ".real.json");
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("run", "-q", "--summary-export", export.toString(),
                "--summary-trend-stats", "avg,p(95),count"));
        args.addAll(java.util.List.of(target));
        args.addAll(java.util.List.of(flags));
        args.add(SCRIPTS.resolve(script).toString());
        Jload.Result r = Jload.run(args.toArray(String[]::new));
        assertEquals(0, r.exitCode(), r::toString);
        return r.export(export).path("metrics");
    }
}
