package jload.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * jload's warm-up of a script's WebSocket modules runs before the test (the log says so) and leaves nothing in the
 * run's results: not its connections, messages or checks.
 */
class ScriptWarmupTest {
    @TempDir
    Path dir;

    private JsonNode metrics(Jload.Result r, Path export) throws Exception {
        assertEquals(0, r.exitCode(), r::toString);
        java.util.regex.Matcher ran = java.util.regex.Pattern.compile(
                "the script's WebSocket modules warmed up in \\d+ ms \\((\\d+) iterations of jload's own scripts, (\\d+) echoes").matcher(r.stderr());
        assertTrue(ran.find(), "the warm-up ran: " + r.stderr());
        int iterations = Integer.parseInt(ran.group(1));
        assertTrue(iterations >= 4, "each of its 4 VUs at least once (10 each unless it ran out of time): " + ran.group());
        // 5 messages an iteration, each echoed: the warm-up went to an echo, never to the script's own TARGET.
        assertEquals(5 * iterations, Integer.parseInt(ran.group(2)), "every message of the warm-up came back: " + ran.group());
        // The warm-up says nothing to the user (the only warnings are about jload's own pauses and delays, if any).
        r.stderr().lines().filter(l -> l.startsWith("WARN")).forEach(l ->
                assertTrue(l.contains("jload's JVM stopped") || l.contains("jload's event loops"), "a warning of the warm-up's: " + l));
        return new ObjectMapper().readTree(export.toFile()).path("metrics");
    }

    @Test
    void theWarmUpOfJloadWsLeavesNothingInTheResults() throws Exception {
        Path export = dir.resolve("summary.json");
        JsonNode m = metrics(Jload.run("run", "-v", "--sandbox", "-u", "1", "-i", "1", "--summary-export", export.toString(),
                Path.of("..", "examples", "ws-echo.js").toString()), export);
        assertEquals(1, m.path("ws_sessions").path("count").asInt(), "the script's one connection: " + m);
        assertEquals(1, m.path("ws_msgs_sent").path("count").asInt(), "the script's one message");
        assertEquals(2, m.path("checks").path("passes").asInt(), "the script's two checks, not the warm-up's");
    }

    @Test
    void theWarmUpOfK6WsLeavesNothingInTheResults() throws Exception {
        Path export = dir.resolve("summary.json");
        JsonNode m = metrics(Jload.runScript(dir, """
                import ws from 'k6/ws';
                import { check } from 'k6';
                export const options = { iterations: 1 };
                export default function () {
                  const res = ws.connect(`${__ENV.TARGET}/ws/echo`, { headers: { Origin: 'http://localhost' } }, (socket) => {
                    socket.on('open', () => socket.send('hello'));
                    socket.on('message', () => socket.close());
                  });
                  check(res, { 'status is 101': (r) => r && r.status === 101 });
                }
                """, "-v", "--sandbox", "--summary-export", export.toString()), export);
        assertEquals(1, m.path("ws_sessions").path("count").asInt(), "the script's one session: " + m);
        assertEquals(1, m.path("ws_msgs_sent").path("count").asInt());
        assertEquals(1, m.path("ws_msgs_received").path("count").asInt());
        assertEquals(1, m.path("checks").path("passes").asInt(), "the script's check, not the warm-up's");
    }
}
