package jload.engine.cli;

import static jload.engine.cli.Jload.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * k6/ws as k6's ws.go behaves: how close() ends a session, what a failed connect returns, what a
 * handler's exception does. Orders of events are asserted as a script logs them, and what went on
 * the wire as the server received it.
 */
class K6WsSemanticsTest {
    @TempDir
    Path dir;
    @RegisterExtension
    final FrameRecordingServer server = new FrameRecordingServer();

    private Jload.Result run(String script, String... flags) {
        String[] all = new String[flags.length + 2];
        all[0] = "-e";
        all[1] = "URL=" + server.url("/echo");
        System.arraycopy(flags, 0, all, 2, flags.length);
        return Jload.runScript(dir, script, all);
    }

    /** The frames of the only connection, once the client has closed it. */
    private List<FrameRecordingServer.Frame> framesReceived() throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < deadline) {
            var c = server.connections();
            if (c.size() == 1 && c.getFirst().stream().anyMatch(f -> f.opcode() == FrameRecordingServer.CLOSE)) break;
            Thread.sleep(20);
        }
        Thread.sleep(200); // whatever the client wrote after its close frame has arrived by now
        assertEquals(1, server.connections().size(), "one connection");
        return server.connections().getFirst();
    }

    @Test
    void closeInTheCallbackEndsTheSessionBeforeOpenFiresAndLaterSendsOnlyReportAnError() throws Exception {
        Jload.Result r = run("""
                import ws from 'k6/ws';
                import { sleep } from 'k6';
                export default function () {
                  const log = [];
                  ws.connect(__ENV.URL, {}, (s) => {
                    s.on('open', () => { log.push('open'); s.send('hello'); });
                    s.on('message', (m) => log.push('message:' + m));
                    s.on('close', () => log.push('close'));
                    s.on('error', (e) => log.push('error:' + e.error()));
                    s.send('in-callback'); s.close(); log.push('after-close');
                  });
                  console.log('LOG ' + JSON.stringify(log));
                  sleep(0.3); // the close handshake completes before the run ends
                }
                """);
        assertEquals(0, r.exitCode(), r::toString);
        assertEquals("[\"close\",\"after-close\",\"open\",\"error:websocket: close sent\"]", r.scriptLog());
        assertEquals("[text:in-callback, close:1001]", framesReceived().toString(), "nothing after the close frame");
    }

    @Test
    void closeFromAnIntervalStopsTheTimersAndALateSendGoesNowhere() throws Exception {
        long start = System.nanoTime();
        Jload.Result r = run("""
                import ws from 'k6/ws';
                import { sleep } from 'k6';
                export default function () {
                  const log = [];
                  let n = 0;
                  ws.connect(__ENV.URL, {}, (s) => {
                    s.on('open', () => s.setInterval(() => {
                      s.send(`tick ${++n}`); log.push(`sent ${n}`);
                      if (n === 3) { s.close(); s.send('late'); }
                    }, 100));
                    s.on('close', (code) => log.push('close:' + code));
                    s.on('error', (e) => log.push('error:' + e.error()));
                  });
                  log.push('returned');
                  console.log('LOG ' + JSON.stringify(log));
                  sleep(0.3); // the close handshake completes before the run ends
                }
                """);
        assertEquals(0, r.exitCode(), r::toString);
        assertEquals("[\"sent 1\",\"sent 2\",\"sent 3\",\"close:1001\",\"error:websocket: close sent\",\"returned\"]", r.scriptLog());
        assertEquals("[text:tick 1, text:tick 2, text:tick 3, close:1001]", framesReceived().toString());
        assertFalse(r.stderr().contains("ERRO"), "nothing thrown\n" + r);
        assertTrue(System.nanoTime() - start < 20_000_000_000L, "ws.connect returned after the close");
    }

    @Test
    void intervalTicksMissedWhileTheVuWasBusyAreDroppedNotReplayedInABurst() {
        // k6's socket.setInterval is a Go ticker: it keeps its schedule and drops the ticks it missed.
        Jload.Result r = run("""
                import ws from 'k6/ws';
                import { sleep } from 'k6';
                export default function () {
                  let ticks = 0;
                  ws.connect(__ENV.URL, {}, (s) => {
                    s.setInterval(() => { if (++ticks === 1) sleep(0.5); }, 50);
                    s.setTimeout(() => s.close(), 800);
                  });
                  console.log('LOG ' + JSON.stringify([ticks]));
                }
                """);
        assertEquals(0, r.exitCode(), r::toString);
        int ticks = Integer.parseInt(r.scriptLog().replaceAll("[\\[\\]]", ""));
        assertTrue(ticks >= 2 && ticks <= 7, "about 5 ticks (50, 600, 650, 700, 750 ms), not a burst of the 10 missed during the stall: " + ticks + "\n" + r);
    }

    @Test
    void closeSendsWhateverCodeTheScriptGivesAsK6Does() throws Exception {
        Jload.Result r = run("""
                import ws from 'k6/ws';
                import { sleep } from 'k6';
                export default function () {
                  const log = [];
                  ws.connect(__ENV.URL, {}, (s) => {
                    s.on('open', () => s.close(1006)); // reserved for local use, but k6 (gorilla) sends it
                    s.on('close', (code) => log.push('close:' + code));
                  });
                  console.log('LOG ' + JSON.stringify(log));
                  sleep(0.3);
                }
                """);
        assertEquals(0, r.exitCode(), r::toString);
        assertEquals("[\"close:1006\"]", r.scriptLog());
        assertEquals("[close:1006]", framesReceived().toString());
    }

    @Test
    void aServerCloseWithAnErrorCodeFiresErrorThenClose() {
        // The sandbox closes after the first message with the given code and reason.
        Jload.Result r = Jload.runScript(dir, """
                import ws from 'k6/ws';
                export default function () {
                  const log = [];
                  ws.connect(`${__ENV.TARGET}/ws/echo?closeAfter=1&closeCode=4000&closeReason=bye`, {}, (s) => {
                    s.on('open', () => s.send('one'));
                    s.on('close', (code) => log.push('close:' + code));
                    s.on('error', (e) => log.push('error:' + e.error()));
                  });
                  ws.connect(`${__ENV.TARGET}/ws/echo?closeAfter=1&closeCode=1000`, {}, (s) => {
                    s.on('open', () => s.send('one'));
                    s.on('close', (code) => log.push('close:' + code));
                    s.on('error', (e) => log.push('error:' + e.error()));
                  });
                  console.log('LOG ' + JSON.stringify(log));
                }
                """, "--sandbox");
        assertEquals(0, r.exitCode(), r::toString);
        assertEquals("[\"error:websocket: close 4000: bye\",\"close:4000\",\"close:1000\"]", r.scriptLog());
    }

    @Test
    void anExceptionInAHandlerEndsTheSessionAndFailsTheIterationAtTheScriptsLine() throws Exception {
        Path export = dir.resolve("e.json");
        Jload.Result r = run("""
                import ws from 'k6/ws';
                import { Counter } from 'k6/metrics';
                const closes = new Counter('sessions_closed');
                const after = new Counter('after_connect');
                export const options = { iterations: 2 };
                export default function () {
                  ws.connect(__ENV.URL, {}, (socket) => {
                    socket.on('open', () => socket.send('not json'));
                    socket.on('message', (m) => { JSON.parse(m); });
                    socket.on('close', (code) => closes.add(1, { code: String(code) }));
                  });
                  after.add(1);
                }
                """, "--summary-export", export.toString());
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.stderr().contains("SyntaxError"), r::toString);
        assertTrue(r.stderr().contains("test.js:9:"), "located at the handler's line\n" + r);
        JsonNode e = r.export(export);
        assertEquals(2, value(e, "sessions_closed", "count"), "the close handlers ran");
        assertTrue(e.path("metrics").path("after_connect").isMissingNode(), "ws.connect threw: " + e.path("metrics"));
        assertEquals(2, value(e, "iterations", "count"));
    }

    @Test
    void aFailedConnectReturnsItsStatusSoAK6RateThresholdFailsTheRun() {
        Path export = dir.resolve("e.json");
        Jload.Result r = Jload.runScript(dir, """
                import ws from 'k6/ws';
                import { check } from 'k6';
                import { Rate } from 'k6/metrics';
                const connected = new Rate('connected');
                export const options = { iterations: 2, thresholds: { connected: ['rate>0.95'] } };
                export default function () {
                  const refused = ws.connect('ws://127.0.0.1:1/nothing', {}, () => {});
                  connected.add(refused.status === 101);
                  check(refused, { 'refused: status 0 and the error': (res) =>
                      res.status === 0 && res.error.startsWith('websocket: ') && res.url === '' });
                  const rejected = ws.connect(`${__ENV.TARGET}/ws/reject?status=503`, {}, () => {});
                  connected.add(rejected.status === 101);
                  check(rejected, { 'rejected: the HTTP status, no error text': (res) => res.status === 503 && res.error === '' });
                  const malformed = ws.connect('wss:///', {}, () => {});
                  check(malformed, { 'malformed: the URL as written': (res) =>
                      res.status === 0 && res.error === "websocket: malformed URL 'wss:///': the URL has no host" });
                }
                """, "--sandbox", "--summary-export", export.toString(), "--summary-trend-stats", "avg,count");
        assertEquals(99, r.exitCode(), "the failures reach the Rate, as under k6\n" + r);
        JsonNode e = r.export(export);
        assertEquals(1.0, value(e, "checks", "value"), r::toString);
        assertEquals(4, value(e, "ws_sessions", "count"), "every dialled attempt is a session, as in k6");
        assertEquals(4, value(e, "ws_connecting", "count"), "and has its connecting time");
        assertEquals(1, r.stderr().lines().filter(l -> l.contains("attempt to establish a WebSocket connection to ws://127.0.0.1:1/nothing failed")).count(),
                "one warning per distinct failure\n" + r);
    }

    @Test
    void withTheThrowOptionAFailedConnectThrowsAJavaScriptErrorAtTheScriptsLine() {
        Jload.Result r = Jload.runScript(dir, """
                import ws from 'k6/ws';
                export const options = { iterations: 1, throw: true };
                export default function () {
                  let message = 'nothing thrown';
                  try {
                    ws.connect('ws://127.0.0.1:1/nothing', {}, () => {});
                  } catch (e) {
                    message = `${e instanceof Error} ${e.message}`;
                  }
                  console.log('LOG ' + JSON.stringify([message]));
                  ws.connect('ws://127.0.0.1:1/nothing', {}, () => {});
                }
                """);
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.scriptLog().startsWith("[\"true websocket: cannot connect to 127.0.0.1:1"), r::toString);
        assertTrue(r.stderr().contains("test.js:11:"), "the uncaught one is located at the script's call\n" + r);
        assertFalse(r.stderr().contains("<jload>"), r::toString);
    }

    @Test
    void badArgumentsAreErrorsAtTheScriptsLineAndNonFunctionHandlersAreIgnored() {
        Jload.Result r = run("""
                import ws from 'k6/ws';
                export default function () {
                  ws.connect(__ENV.URL, {}, (socket) => {
                    socket.on('open', 'not a function');
                    socket.setTimeout(() => socket.close(), 0);
                  });
                }
                """);
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.stderr().contains("setTimeout requires a >0 timeout parameter, received 0.00"), r::toString);
        assertTrue(r.stderr().contains("test.js:5:"), r::toString);
    }

    @Test
    void anUnsupportedCompressionIsAnError() {
        Jload.Result r = run("""
                import ws from 'k6/ws';
                export default function () {
                  ws.connect(__ENV.URL, { compression: 'gzip' }, (socket) => socket.close());
                }
                """);
        assertTrue(r.stderr().contains("unsupported compression algorithm 'gzip', supported algorithm is 'deflate'"), r::toString);
        assertTrue(r.stderr().contains("test.js:3:"), r::toString);
    }
}
