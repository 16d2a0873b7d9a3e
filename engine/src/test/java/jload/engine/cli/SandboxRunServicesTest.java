package jload.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What `run --sandbox` starts for a script that uses Redis or MongoDB, and stops after it; and what it says when it cannot. */
class SandboxRunServicesTest {
    @TempDir
    Path dir;

    @Test
    void aRedisAndAMongoOfTheRunsOwnAreGivenAndGoneAfterwards() throws Exception {
        Jload.Result r = Jload.runScript(dir, """
                import redis from 'jload/redis';
                import mongo from 'jload/mongo';
                import { check } from 'k6';
                export const options = { iterations: 1 };
                const r = redis.client(__ENV.REDIS_URL);
                const events = mongo.client(__ENV.MONGO_URL).collection(__ENV.CATCHUP_DATABASE, __ENV.CATCHUP_COLLECTION);
                export default function () {
                  console.log(`addresses ${__ENV.REDIS_URL} ${__ENV.MONGO_URL}`);
                  check(null, {
                    'a redis-server answers': () => r.set('k', 'v') === 'OK',
                    'so does a MongoDB': () => events.insertOne({ room: 'r', seq: 1 }) !== null,
                    'the sandbox reads its channel': () => r.publish(__ENV.REDIS_CHANNEL, JSON.stringify({ room: 'r' })) === 1,
                  });
                }
                """, "--sandbox", "--no-include-system-env-vars", "--summary-export", dir.resolve("summary.json").toString());
        Jload.assertPassedEveryCheck(r, dir.resolve("summary.json"));
        String all = r.stdout() + r.stderr();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("addresses redis://127\\.0\\.0\\.1:(\\d+) mongodb://127\\.0\\.0\\.1:(\\d+)").matcher(all);
        assertTrue(m.find(), all);
        for (int i = 1; i <= 2; i++) {
            int port = Integer.parseInt(m.group(i));
            try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
                throw new AssertionError("port " + port + " still answers after the run");
            } catch (java.io.IOException gone) {
                // stopped with the run
            }
        }
    }

    @Test
    void withoutARedisServerToStartTheRunStopsSayingWhatToDo() throws Exception {
        String before = System.getProperty("jload.redisServer");
        System.setProperty("jload.redisServer", dir.resolve("no-such-redis-server").toString());
        try {
            Jload.Result r = Jload.runScript(dir, """
                    import redis from 'jload/redis';
                    export default function () {}
                    """, "--sandbox", "--no-include-system-env-vars");
            assertEquals(104, r.exitCode(), r.toString());
            assertTrue(r.stderr().contains("no redis-server on the PATH") && r.stderr().contains("-e REDIS_URL=redis://"), r.stderr());
            assertFalse(r.stderr().contains("Exception"), r.stderr());
        } finally {
            if (before == null) System.clearProperty("jload.redisServer");
            else System.setProperty("jload.redisServer", before);
        }
        assertFalse(Files.exists(dir.resolve("no-such-redis-server")));
    }
}
