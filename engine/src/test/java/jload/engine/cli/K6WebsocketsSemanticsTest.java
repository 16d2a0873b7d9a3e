package jload.engine.cli;

import static jload.engine.cli.Jload.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** k6/websockets as k6's websockets.go behaves where a script's verdict depends on it. */
class K6WebsocketsSemanticsTest {
    @TempDir
    Path dir;
    @RegisterExtension
    final FrameRecordingServer server = new FrameRecordingServer();

    private Jload.Result run(String script, String... flags) {
        String[] all = new String[flags.length + 3];
        all[0] = "--sandbox";
        all[1] = "-e";
        all[2] = "URL=" + server.url("/echo");
        System.arraycopy(flags, 0, all, 3, flags.length);
        return Jload.runScript(dir, script, all);
    }

    /** A socket that logs every event as type[:detail] into log, and prints the log when it closes. */
    private static final String LOGGING_SOCKET = """
            import { WebSocket } from 'k6/websockets';
            function logged(url, log, onopen) {
              const s = new WebSocket(url);
              s.onopen = () => { log.push('open'); if (onopen) onopen(s); };
              s.onmessage = (e) => log.push('message:' + e.data);
              s.onerror = (e) => log.push('error:' + e.error);
              s.onclose = (e) => { log.push(`close:${e.code}`); console.log('LOG ' + JSON.stringify(log)); };
              return s;
            }
            """;

    @Test
    void aFailedConnectFiresErrorThenCloseWithoutACodeAndCountsItsConnectingTime() {
        Path export = dir.resolve("e.json");
        Jload.Result r = run(LOGGING_SOCKET + """
                export default function () { logged('ws://127.0.0.1:1/refused', []); }
                """, "-i", "1", "--summary-export", export.toString(), "--summary-trend-stats", "avg,count");
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.scriptLog().matches("\\[\"error:websocket: cannot connect to 127\\.0\\.0\\.1:1: .*\",\"close:undefined\"]"), r::toString);
        JsonNode e = r.export(export);
        assertEquals(1, value(e, "ws_connecting", "count"), "the attempt's connecting time, as k6 records it");
        assertTrue(e.path("metrics").path("ws_session_duration").isMissingNode(), "and no session duration");
    }

    @Test
    void aServerCloseWithAnErrorCodeFiresErrorFirst() {
        Jload.Result r = run(LOGGING_SOCKET + """
                export default function () {
                  logged(`${__ENV.TARGET}/ws/echo?closeAfter=1&closeCode=4000&closeReason=bye`, [], (s) => s.send('one'));
                }
                """, "-i", "1");
        assertEquals(0, r.exitCode(), r::toString);
        assertEquals("[\"open\",\"message:one\",\"error:websocket: close 4000: bye\",\"close:4000\"]", r.scriptLog());
    }

    @Test
    void messagesArrivingAfterCloseAreNotDispatched() throws Exception {
        Jload.Result r = run(LOGGING_SOCKET + """
                export default function () {
                  logged(__ENV.URL, [], (s) => { s.send('a'); s.send('b'); s.close(); });
                }
                """, "-i", "1");
        assertEquals(0, r.exitCode(), r::toString);
        assertEquals("[\"open\",\"close:1000\"]", r.scriptLog(), "the echoes of a and b came back while closing");
    }

    @Test
    void anExceptionInAHandlerDropsTheSocketAndFailsTheIteration() {
        Jload.Result r = run(LOGGING_SOCKET + """
                export default function () {
                  const s = logged(__ENV.URL, [], (s) => s.send('not json'));
                  s.addEventListener('message', (e) => JSON.parse(e.data));
                }
                """, "-i", "1");
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.scriptLog().matches("\\[\"open\",\"message:not json\",\"error:SyntaxError: .*\",\"close:1006\"]"), r::toString);
        assertTrue(r.stderr().matches("(?s).*ERRO.*SyntaxError.*test\\.js:12:.*"), "the iteration failed at the handler's line\n" + r);
    }

    @Test
    void closeWhileConnectingClosesAsSoonAsItOpensWithoutOpen() throws Exception {
        long start = System.nanoTime();
        Jload.Result r = run(LOGGING_SOCKET + """
                export default function () {
                  const s = logged(__ENV.URL, []);
                  s.close();
                }
                """, "-i", "1");
        assertEquals(0, r.exitCode(), r::toString);
        assertEquals("[\"close:1000\"]", r.scriptLog(), "no 'open' after close()");
        assertTrue(System.nanoTime() - start < 20_000_000_000L, "the iteration ended");
    }

    @Test
    void closeTakesOnlyTheCodesAClientMaySendAsK6Does() {
        Jload.Result r = run("""
                import { WebSocket } from 'k6/websockets';
                import { check } from 'k6';
                export const options = { iterations: 1, thresholds: { checks: ['rate==1'] } };
                export default function () {
                  const s = new WebSocket(__ENV.URL);
                  s.onopen = () => {
                    const thrown = (f) => { try { f(); return 'no error'; } catch (e) { return e.message; } };
                    check(thrown(() => s.close(1001)), { '1001 is refused': (m) => m.startsWith('InvalidAccessError') && m.endsWith('1001 is neither') });
                    check(thrown(() => s.close(4000, 'x'.repeat(124))), { 'a long reason is refused': (m) => m.startsWith('SyntaxError') });
                    check(s.readyState, { 'still open': (st) => st === WebSocket.OPEN });
                    s.close(0);
                  };
                  s.onclose = (e) => check(e, { 'close(0) is 1000': (ev) => ev.code === 1000 });
                }
                """);
        assertEquals(0, r.exitCode(), r::toString);
    }

    @Test
    void pingsInFlightTogetherAreEachTimed() {
        Path export = dir.resolve("e.json");
        Jload.Result r = run("""
                import { WebSocket } from 'k6/websockets';
                export default function () {
                  const s = new WebSocket(__ENV.URL);
                  let pongs = 0;
                  s.onopen = () => { s.ping(); s.ping(); s.ping(); };
                  s.onpong = () => { if (++pongs === 3) s.close(); };
                }
                """, "-i", "1", "--summary-export", export.toString(), "--summary-trend-stats", "max,count");
        assertEquals(0, r.exitCode(), r::toString);
        JsonNode e = r.export(export);
        assertEquals(3, value(e, "ws_ping", "count"), "each pong matched to its ping\n" + e.path("metrics"));
        assertTrue(value(e, "ws_ping", "max") < 5000);
    }
}
