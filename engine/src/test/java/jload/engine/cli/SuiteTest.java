package jload.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import jload.engine.sandbox.SandboxServer;
import jload.engine.sandbox.SocketIoLimits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code jload suite}: scenarios in order against one gateway, a verdict each, metrics snapshots around them. */
class SuiteTest {
    private static final Path SCRIPTS = Path.of("..", "scripts").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    @Test
    void runsTheScenariosInOrderWritesEveryVerdictAndSnapshotAndFailsWithTheCrossedThreshold() throws Exception {
        try (SandboxServer gateway = SandboxServer.start(0, 0, SandboxServer.DEFAULT_SECRET,
                new SocketIoLimits(3, 0, 0, Duration.ZERO, "novel.error"))) {
            Path config = Files.writeString(dir.resolve("suite.json"), """
                    { "env": { "TARGET": "%s", "TARGET_SIO": "%s", "TARGET_HTTP": "%s", "TOKEN": "not-this-one" },
                      "args": ["-q"],
                      "metricsUrl": "%s/metrics",
                      "scenarios": [
                        { "script": "%s/presence-soak.js", "env": { "CONNECTIONS": "3", "SESSION": "800ms", "INTERVAL": "200ms" } },
                        { "script": "%s/connection-quota.js", "env": { "LIMIT": "3", "EXTRAS": "1" } },
                        { "script": "%s/connection-quota.js", "name": "quota-misjudged", "env": { "LIMIT": "2", "EXTRAS": "1" } }
                      ] }
                    """.formatted(gateway.wsBase(), gateway.socketIoBase(), gateway.httpBase(), gateway.httpBase(), SCRIPTS, SCRIPTS, SCRIPTS));
            Path out = dir.resolve("results");
            // The token comes from the shell, over the config's (a rejected one would fail presence-soak).
            Jload.Result r = Jload.run("suite", config.toString(), "--out", out.toString(), "--label", "staging",
                    "-e", "TOKEN=" + gateway.sampleToken("suite", Duration.ofHours(1)));

            assertEquals(99, r.exitCode(), r::toString); // the third judged the gateway by a wrong limit: its thresholds fail
            JsonNode summary = new ObjectMapper().readTree(Files.readString(out.resolve("suite-summary.json")));
            assertFalse(summary.path("passed").asBoolean(), summary::toPrettyString);
            JsonNode runs = summary.path("scenarios");
            assertEquals("presence-soak", runs.get(0).path("name").asText());
            assertTrue(runs.get(0).path("passed").asBoolean() && runs.get(1).path("passed").asBoolean(), summary::toPrettyString);
            assertEquals(99, runs.get(2).path("exitCode").asInt(), summary::toPrettyString);
            assertTrue(runs.get(2).path("failedThresholds").toString().contains("quota_refused: count==1 crossed (observed 0)"), summary::toPrettyString);
            for (String name : new String[] {"presence-soak", "connection-quota", "quota-misjudged"}) {
                assertTrue(Files.isRegularFile(out.resolve(name + ".json")), name + "'s summary export");
            }
            for (String stage : new String[] {"before-suite", "after-presence-soak", "after-connection-quota", "after-quota-misjudged", "after-suite"}) {
                Path snapshot = out.resolve("staging-" + stage + "-metrics.txt");
                assertTrue(Files.readString(snapshot).contains("sandbox_socketio_connections"), stage);
            }
            assertTrue(r.stdout().contains("3 scenarios, 2 passed, 1 failed"), r.stdout());
            assertTrue(r.stdout().contains("✗ quota-misjudged  exit 99  checks: rate==1 crossed (observed 0.6); quota_refused: count==1 crossed (observed 0)"),
                    r.stdout());
            assertTrue(r.stderr().contains("3rd connection was accepted; expected rejection 'Too many realtime connections'"), r.stderr());
            // jload diff reads the snapshots: the gateway saw the suite's connections come and go.
            Jload.Result diff = Jload.run("diff", out.resolve("staging-before-suite-metrics.txt").toString(),
                    out.resolve("staging-after-suite-metrics.txt").toString());
            assertEquals(0, diff.exitCode(), diff::toString);
            assertTrue(diff.stdout().contains("sandbox_socketio_connections_peak"), diff.stdout());
        }
    }

    @Test
    void withSandboxOneTargetServesTheWholeSuiteAndItsMetricsAreSnapshottedAroundEachScenario() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(jload.engine.proto.redis.RedisServerProcess.available(), "no redis-server on the PATH");
        // Seed 001's suite: catch-up (MongoDB) then broadcast (Redis) against one gateway, on a fresh machine.
        Path config = Files.writeString(dir.resolve("suite.json"), """
                { "args": ["-q"],
                  "scenarios": [
                    { "script": "%s/catch-up-burst.js", "env": { "VUS": "3", "ITERATIONS": "2", "EVENTS": "40" } },
                    { "script": "%s/broadcast-burst.js", "env": { "SUBSCRIBERS": "5", "EVENTS": "20" } }
                  ] }
                """.formatted(SCRIPTS, SCRIPTS));
        Path out = dir.resolve("results");
        Jload.Result r = Jload.run("suite", config.toString(), "--out", out.toString(), "--sandbox", "--sio-max-connections", "50");
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.stdout().contains("2 scenarios, 2 passed, 0 failed"), r.stdout());
        String afterCatchUp = Files.readString(out.resolve("after-catch-up-burst-metrics.txt"));
        assertTrue(afterCatchUp.contains("sandbox_catchup_store{store=\"mongodb\"} 1"), "one sandbox with a MongoDB store: " + afterCatchUp);
        String afterSuite = Files.readString(out.resolve("after-suite-metrics.txt"));
        assertTrue(afterSuite.contains("sandbox_redis_messages_total{channel=\"jload.sandbox.rooms\",outcome=\"delivered\"} 20"),
                "the broadcast's 20 events reached the same sandbox: " + afterSuite);
        assertTrue(afterSuite.contains("sandbox_socketio_limit{cap=\"max_connections\"} 50"), "the suite's caps: " + afterSuite);

        Path own = Files.writeString(dir.resolve("own.json"), """
                { "scenarios": [ { "script": "%s/presence-soak.js", "args": ["--sandbox"] } ] }
                """.formatted(SCRIPTS));
        Jload.Result twice = Jload.run("suite", own.toString(), "--out", out.toString(), "--sandbox");
        assertEquals(104, twice.exitCode(), twice::toString);
        assertTrue(twice.stderr().contains("scenario presence-soak asks for --sandbox in its args: the suite's --sandbox already serves every scenario"),
                twice.stderr());
    }

    @Test
    void aConfigOfTheWrongShapeIsRefusedNamingTheField() throws Exception {
        Path config = Files.writeString(dir.resolve("bad.json"), """
                { "scenarios": [ { "script": "nowhere.js" } ] }""");
        Jload.Result r = Jload.run("suite", config.toString(), "--out", dir.resolve("out").toString());
        assertEquals(104, r.exitCode(), r::toString);
        assertTrue(r.stderr().contains("scenarios[0].script: nowhere.js not found"), r.stderr());
        Path typo = Files.writeString(dir.resolve("typo.json"), """
                { "senarios": [] }""");
        Jload.Result t = Jload.run("suite", typo.toString(), "--out", dir.resolve("out").toString());
        assertEquals(104, t.exitCode(), t::toString);
        assertTrue(t.stderr().contains("unknown field \"senarios\""), t.stderr());
    }
}
