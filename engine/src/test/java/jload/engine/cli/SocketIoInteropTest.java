package jload.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** jload/socketio against the real npm socket.io 4.x server (Node), as a user's script drives it. */
class SocketIoInteropTest {
    @TempDir
    Path dir;

    private static final String CHECKS = """
            import socketio from 'jload/socketio';
            import { check, sleep } from 'k6';
            """;

    private Jload.Result run(SocketIoServer server, String body, String options) throws Exception {
        String script = CHECKS + "export const options = " + options + ";\n" + body;
        return Jload.runScript(dir, script, "-e", "SIO=" + server.url(), "--summary-export", dir.resolve("summary.json").toString());
    }

    private JsonNode summary() throws Exception {
        return new ObjectMapper().readTree(Files.readString(dir.resolve("summary.json")));
    }

    private static void assertAllChecksPassed(Jload.Result r) {
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(!r.stdout().contains("✗") && !r.stderr().contains("✗"), "a check failed:\n" + r);
    }

    @Test
    void eventsAcksAndTheHandshakeReachTheServerAsTheSocketIoClientWouldSendThem() throws Exception {
        try (SocketIoServer server = SocketIoServer.start(25_000, 20_000)) {
            Jload.Result r = run(server, """
                    export default function () {
                      const io = socketio.connect(__ENV.SIO, { auth: { token: 't' }, query: { room: 'a' }, headers: { Origin: 'http://app.test' } });
                      const echo = (io.emit('echo', 'hi', { n: 1 }), io.expect('echo', (s, o) => s === 'hi' && o.n === 1, { timeout: '5s' }));
                      const ack = io.emitWithAck('ack', 1, [2, 3], { timeout: '5s' });
                      const [hs] = io.timeout(5000).emitWithAck('handshake');
                      check(io, {
                        'connected with an id': (s) => s.ok && s.connected && typeof s.id === 'string' && s.id.length > 0,
                        'echo came back with its arguments': () => JSON.stringify(echo) === '["hi",{"n":1}]',
                        'ack carries the arguments': () => JSON.stringify(ack) === '[1,[2,3]]',
                        'server saw auth, query and Origin': () => hs.auth.token === 't' && hs.query.room === 'a' && hs.origin === 'http://app.test',
                      });
                      io.close();
                      check(io, { 'closed by us': (s) => !s.connected && s.disconnectReason === 'io client disconnect' });
                    }
                    """, "{ vus: 2, iterations: 4, summaryTrendStats: ['avg', 'max', 'count'] }");
            assertAllChecksPassed(r);
            JsonNode m = summary().path("metrics");
            assertEquals(4, m.path("sio_sessions").path("count").asInt(), m.toPrettyString());
            assertEquals(12, m.path("sio_events_sent").path("count").asInt());
            assertEquals(4, m.path("sio_events_received").path("count").asInt());
            assertEquals(8, m.path("sio_ack_duration").path("count").asInt());
            assertEquals(4, m.path("sio_rtt").path("count").asInt());
            assertTrue(m.path("sio_connecting").path("max").asDouble() > 0);
        }
    }

    @Test
    void aNamespaceMiddlewareRefusalIsAFailedConnectCarryingTheServersMessage() throws Exception {
        try (SocketIoServer server = SocketIoServer.start(25_000, 20_000)) {
            Jload.Result r = run(server, """
                    export default function () {
                      const bad = socketio.connect(__ENV.SIO + '/secure', { auth: { token: 'wrong' } });
                      const good = socketio.connect(__ENV.SIO, { namespace: '/secure', auth: { token: 'good' } });
                      check(bad, { 'refused with the server message': (s) => !s.ok && s.error.includes('not authorized') && s.error.includes('/secure') });
                      check(good, { 'accepted in its namespace': (s) => s.ok && s.namespace === '/secure' });
                      good.close();
                    }
                    """, "{ iterations: 1 }");
            assertAllChecksPassed(r);
            assertEquals(1, summary().path("metrics").path("sio_errors").path("count").asInt());
        }
    }

    @Test
    void theHeartbeatIsAnsweredWhileTheScriptSleepsAndAServerDisconnectIsToldApart() throws Exception {
        // Pings every 200 ms, 200 ms to answer: a client that answered only when its script called it would be dropped.
        try (SocketIoServer server = SocketIoServer.start(200, 200)) {
            Jload.Result r = run(server, """
                    export default function () {
                      const io = socketio.connect(__ENV.SIO);
                      sleep(2);
                      check(io, { 'still connected after 10 heartbeats': (s) => s.connected });
                      io.emit('disconnect-me');
                      sleep(0.5);
                      check(io, { 'the server disconnected it': (s) => !s.connected && s.disconnectReason === 'io server disconnect' });
                    }
                    """, "{ iterations: 1 }");
            assertAllChecksPassed(r);
            assertEquals(1, summary().path("metrics").path("sio_disconnects").path("count").asInt());
        }
    }

    @Test
    void aServerThatStopsPingingIsDeclaredDeadAfterPingIntervalPlusPingTimeout() throws Exception {
        try (SocketIoServer server = SocketIoServer.start(300, 300)) {
            Jload.Result r = run(server, """
                    export default function () {
                      const io = socketio.connect(__ENV.SIO);
                      io.emit('block', 2000); // the server's process busy-waits: no pings for 2 s
                      sleep(1.5);
                      check(io, { 'declared dead': (s) => !s.connected && s.disconnectReason === 'ping timeout' });
                    }
                    """, "{ iterations: 1 }");
            assertAllChecksPassed(r);
            JsonNode m = summary().path("metrics");
            assertEquals(1, m.path("sio_errors").path("count").asInt(), m.toPrettyString());
            assertEquals(1, m.path("sio_disconnects").path("count").asInt(), m.toPrettyString());
        }
    }
}
