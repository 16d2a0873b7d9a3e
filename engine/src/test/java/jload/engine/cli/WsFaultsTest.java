package jload.engine.cli;

import static jload.engine.cli.Jload.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** What jload/ws does when things go wrong: failed iterations, oversized messages, server closes. */
class WsFaultsTest {
    @TempDir
    Path dir;
    @RegisterExtension
    final FrameRecordingServer server = new FrameRecordingServer();

    @Test
    void aSocketOpenedInAFailedIterationIsClosedWhenTheIterationEnds() {
        Path export = dir.resolve("e.json");
        Jload.Result r = Jload.runScript(dir, """
                import { ws } from 'jload';
                export const options = { vus: 1, iterations: 20 };
                export default function () {
                  const s = ws.connect(__ENV.URL);
                  s.send('not json');
                  JSON.parse(s.expect(() => true, { timeout: '2s' }).text); // throws before any close()
                }
                """, "-e", "URL=" + server.url("/echo"), "--summary-export", export.toString());
        assertEquals(0, r.exitCode(), r::toString);
        JsonNode e = r.export(export);
        assertEquals(20, value(e, "ws_sessions_closed_by_jload", "count"));
        // A closing socket's handshake may overlap the next iteration's connect or two; leaked ones would add up to 20.
        assertTrue(server.mostOpenAtOnce() <= 5, "connections did not pile up: " + server.mostOpenAtOnce() + " open at once");
    }

    @Test
    void persistentSocketsAreKeptAndAPileUpIsToldOnce() {
        Path export = dir.resolve("e.json");
        Jload.Result r = Jload.runScript(dir, """
                import { ws } from 'jload';
                export const options = { vus: 2, iterations: 8 };
                const kept = [];
                export default function () {
                  kept.push(ws.connect(__ENV.URL, { persist: true })); // one more every iteration
                  kept.forEach((s, i) => { s.send(`m${i}`); s.expect((m) => m.text === `m${i}`, { timeout: '2s' }); });
                }
                """, "-e", "URL=" + server.url("/echo"), "--summary-export", export.toString());
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.export(export).path("metrics").path("ws_sessions_closed_by_jload").isMissingNode(), "nothing closed by jload");
        assertTrue(server.mostOpenAtOnce() >= 6, "kept open across iterations: " + server.mostOpenAtOnce());
        assertEquals(1, r.stderr().lines().filter(l -> l.contains("persistent sockets are piling up")).count(), r::toString);
    }

    @Test
    void aMessageOverMaxMessageSizeIsReportedNotJustADroppedConnection() {
        Path export = dir.resolve("e.json");
        Jload.Result r = Jload.runScript(dir, """
                import { ws } from 'jload';
                import { check } from 'k6';
                export const options = { iterations: 1, thresholds: { checks: ['rate==1'], 'ws_errors{kind:message_too_big}': ['count>=0'] } };
                export default function () {
                  for (const path of ['/ws/echo', '/ws/echo?fragments=4']) { // one frame, or fragments adding up
                    const s = ws.connect(`${__ENV.TARGET}${path}`, { maxMessageSize: 1000 });
                    s.send('x'.repeat(2000));
                    check(s.expect(() => true, { timeout: '2s' }), { 'no message': (m) => m === null });
                    check(s, { 'closed with 1009, saying why': (x) =>
                        !x.open && x.closeCode === 1009 && x.error.includes('larger than maxMessageSize (1000 bytes)') });
                  }
                }
                """, "--sandbox", "--summary-export", export.toString());
        assertEquals(0, r.exitCode(), r::toString);
        JsonNode e = r.export(export);
        assertEquals(2, value(e, "ws_errors{kind:message_too_big}", "count"), e.path("metrics").toPrettyString());
        assertEquals(2, value(e, "ws_errors", "count"), "not counted again as an abnormal close");
        assertEquals(1, r.stderr().lines().filter(l -> l.contains("larger than maxMessageSize")).count(), r::toString);
    }

    @Test
    void theCloseCodeAndReasonAreThereAsSoonAsTheCloseArrives() {
        Jload.Result r = Jload.runScript(dir, """
                import { ws } from 'jload';
                import { check, sleep } from 'k6';
                export const options = { iterations: 1, thresholds: { checks: ['rate==1'] } };
                export default function () {
                  const s = ws.connect(`${__ENV.TARGET}/ws/echo?closeAfter=1&closeCode=4000&closeReason=bye`);
                  s.send('one');
                  sleep(0.5); // no expect() or messages(): nothing reads the socket's events
                  check(s, { 'closed, code and reason known': (x) => !x.open && x.closeCode === 4000 && x.closeReason === 'bye' });
                }
                """, "--sandbox");
        assertEquals(0, r.exitCode(), r::toString);
    }

    @Test
    void eachFailureHasItsKind() {
        Path export = dir.resolve("e.json");
        Jload.Result r = Jload.runScript(dir, """
                import { ws } from 'jload';
                export const options = { iterations: 1, thresholds: {
                  'ws_errors{kind:dns}': ['count==1'], 'ws_errors{kind:refused}': ['count==1'],
                  'ws_errors{kind:handshake_status,status:503}': ['count==1'],
                  'ws_errors{kind:abnormal_close}': ['count==1'], 'ws_errors{kind:server_close,code:4000}': ['count==1'],
                  'ws_errors{kind:server_close,code:1011}': ['count==1'], ws_errors: ['count==6'] } };
                function oneEcho(path) {
                  const s = ws.connect(`${__ENV.TARGET}${path}`);
                  s.send('one');
                  s.expect(() => false, { timeout: '1s' });
                }
                export default function () {
                  ws.connect('ws://nonexistent-host.invalid/x', { timeout: '10s' });
                  ws.connect('ws://127.0.0.1:1/x', { timeout: '10s' });
                  ws.connect(`${__ENV.TARGET}/ws/reject?status=503`);
                  oneEcho('/ws/echo?closeAfter=1&closeCode=1006');
                  oneEcho('/ws/echo?closeAfter=1&closeCode=4000');
                  oneEcho('/ws/echo?closeAfter=1&closeCode=1011');
                  oneEcho('/ws/echo?closeAfter=1&closeCode=1000');
                }
                """, "--sandbox", "--summary-export", export.toString());
        assertEquals(0, r.exitCode(), "every kind counted once\n" + r);
        assertTrue(r.stderr().isEmpty() || !r.stderr().contains("ERRO"), r::toString);
    }

    @Test
    void credentialsInTheUrlGoAsBasicAuthAndNeverIntoAnyOutput() throws Exception {
        Path export = dir.resolve("e.json");
        Path points = dir.resolve("points.jsonl");
        String url = server.url("/echo").replace("ws://", "ws://alice:s3cr3t-pw@");
        Jload.Result r = Jload.runScript(dir, """
                import { ws } from 'jload';
                import ws6 from 'k6/ws';
                export const options = { iterations: 1 };
                export default function () {
                  const s = ws.connect(__ENV.URL);
                  s.send('hi');
                  s.expect((m) => m.text === 'hi', { timeout: '2s' });
                  s.close();
                  ws.connect('ws://alice:s3cr3t-pw@127.0.0.1:1/refused?token=s3cr3t-pw', { timeout: '5s' });
                  ws6.connect('ws://alice:s3cr3t-pw@127.0.0.1:1/refused?token=s3cr3t-pw', {}, () => {});
                  ws.connect('ws://alice:s3cr3t-pw@[not a url');
                }
                """, "-e", "URL=" + url, "--summary-export", export.toString(), "--out", "json=" + points);
        assertEquals(0, r.exitCode(), r::toString);
        String basic = java.util.Base64.getEncoder().encodeToString("alice:s3cr3t-pw".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertTrue(server.upgradeRequests().getFirst().matches("(?is).*\\bauthorization: Basic " + basic + "\r\n.*"), server.upgradeRequests().getFirst());
        assertTrue(!server.upgradeRequests().getFirst().contains("s3cr3t-pw"), "not in the request line or Host");
        for (String output : new String[] {r.stdout(), r.stderr(), java.nio.file.Files.readString(export), java.nio.file.Files.readString(points)}) {
            assertTrue(!output.contains("s3cr3t-pw"), "the password (or a token) leaked:\n" + output);
        }
        assertTrue(r.stderr().contains("not a valid URL"), "the errors were reported\n" + r);
    }
}
