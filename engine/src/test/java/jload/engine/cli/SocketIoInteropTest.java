package jload.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import jload.engine.sandbox.SandboxServer;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * jload/socketio as a user's script drives it, against the real npm socket.io 4.x server (Node) and
 * against jload's own sandbox endpoint: the same suite, the same verdicts.
 */
class SocketIoInteropTest {
    @TempDir
    Path dir;

    /** A Socket.IO server for the suite, and what a script needs to know about it. */
    private record Target(String url, String goodToken, String pingQuery, AutoCloseable server) implements AutoCloseable {
        static Target start(String kind, long pingIntervalMs, long pingTimeoutMs) throws Exception {
            if (kind.equals("node")) {
                SocketIoServer node = SocketIoServer.start(pingIntervalMs, pingTimeoutMs, "good-token");
                return new Target(node.url(), "good-token", "{}", node);
            }
            SandboxServer sandbox = SandboxServer.start(0, 0, SandboxServer.DEFAULT_SECRET);
            // The sandbox takes its heartbeat from the query (a real server has it in its own configuration).
            return new Target(sandbox.socketIoBase().toString(), sandbox.sampleToken("sio", Duration.ofHours(1)),
                    "{\"pingInterval\":" + pingIntervalMs + ",\"pingTimeout\":" + pingTimeoutMs + "}", sandbox);
        }

        @Override
        public void close() throws Exception {
            server.close();
        }
    }

    private Jload.Result run(Target target, String body, String options) {
        String script = """
                import socketio from 'jload/socketio';
                import { check, sleep } from 'k6';
                const PINGQ = JSON.parse(__ENV.PINGQ);
                export const options = %s;
                %s""".formatted(options, body);
        return Jload.runScript(dir, script, "-e", "SIO=" + target.url(), "-e", "TOKEN=" + target.goodToken(), "-e", "PINGQ=" + target.pingQuery(),
                "--summary-export", dir.resolve("summary.json").toString());
    }

    private JsonNode metrics() throws Exception {
        return new ObjectMapper().readTree(Files.readString(dir.resolve("summary.json"))).path("metrics");
    }

    /** Starts a target of {@code kind}, runs the script there and asserts every check ran and passed; the run's metrics. */
    private JsonNode runPassing(String kind, long pingIntervalMs, long pingTimeoutMs, String body, String options) throws Exception {
        try (Target target = Target.start(kind, pingIntervalMs, pingTimeoutMs)) {
            assertAllChecksPassed(run(target, body, options));
            return metrics();
        }
    }

    /** The run passed, no iteration failed, and every check ran and passed. */
    private void assertAllChecksPassed(Jload.Result r) {
        Jload.assertPassedEveryCheck(r, dir.resolve("summary.json"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"node", "sandbox"})
    void eventsAcksAndTheHandshakeReachTheServerAsTheSocketIoClientWouldSendThem(String kind) throws Exception {
        JsonNode m = runPassing(kind, 25_000, 20_000, """
                export default function () {
                  const io = socketio.connect(__ENV.SIO, { auth: { token: 't' }, query: Object.assign({ room: 'a' }, PINGQ), headers: { Origin: 'http://app.test' } });
                  io.emit('echo', 'hi', { n: 1 });
                  const echo = io.expect('echo', (s, o) => s === 'hi' && o.n === 1, { timeout: '5s' });
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
        assertEquals(4, m.path("sio_sessions").path("count").asInt(), m.toPrettyString());
        assertEquals(12, m.path("sio_events_sent").path("count").asInt());
        assertEquals(4, m.path("sio_events_received").path("count").asInt());
        assertEquals(8, m.path("sio_ack_duration").path("count").asInt());
        assertEquals(4, m.path("sio_rtt").path("count").asInt());
        assertEquals(4, m.path("sio_disconnects").path("count").asInt());
        assertTrue(m.path("sio_connecting").path("max").asDouble() > 0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"node", "sandbox"})
    void expectAnyHandsTheFirstOfSeveralEventsWithItsNameAndTimesItLikeExpect(String kind) throws Exception {
        JsonNode m = runPassing(kind, 25_000, 20_000, """
                export default function () {
                  const io = socketio.connect(__ENV.SIO, { query: PINGQ });
                  io.emit('echo', 'hi', { n: 1 });
                  const first = io.expectAny(['call:accepted', 'echo'], { timeout: '5s' });
                  const none = io.expectAny(['call:accepted', 'call:rejected'], { timeout: '300ms' });
                  io.emit('echo');
                  const bare = io.expectAny('echo', { timeout: '5s' });
                  check(io, {
                    'the event that came, its name first': () => JSON.stringify(first) === '["echo","hi",{"n":1}]',
                    'null when none of them came': () => none === null,
                    'an event without arguments is its name alone': () => JSON.stringify(bare) === '["echo"]',
                  });
                  io.close();
                }
                """, "{ vus: 1, iterations: 2, summaryTrendStats: ['count'] }");
        assertEquals(4, m.path("sio_rtt").path("count").asInt(), "each emit answered once: " + m.path("sio_rtt"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"node", "sandbox"})
    void aNamespaceMiddlewareRefusalIsAFailedConnectCarryingTheServersMessage(String kind) throws Exception {
        JsonNode m = runPassing(kind, 25_000, 20_000, """
                export default function () {
                  const bad = socketio.connect(__ENV.SIO + '/secure', { auth: { token: 'wrong' }, query: PINGQ });
                  const good = socketio.connect(__ENV.SIO, { namespace: '/secure', auth: { token: __ENV.TOKEN }, query: PINGQ });
                  check(bad, { 'refused with the server message': (s) => !s.ok && s.error.includes('not authorized') && s.error.includes('/secure') });
                  check(good, { 'accepted in its namespace': (s) => s.ok && s.namespace === '/secure' });
                  good.close();
                }
                """, "{ iterations: 1 }");
        assertEquals(1, m.path("sio_errors").path("count").asInt());
    }

    @ParameterizedTest
    @ValueSource(strings = {"node", "sandbox"})
    void severalNamespacesShareOneConnectionEachWithItsOwnEventsAcksAndEnd(String kind) throws Exception {
        JsonNode m = runPassing(kind, 25_000, 20_000, """
                export default function () {
                  const io = socketio.connect(__ENV.SIO, { query: PINGQ });
                  const refused = io.of('/secure', { auth: { token: 'wrong' } });
                  const sec = io.of('/secure', { auth: { token: __ENV.TOKEN }, timeout: '5s' });
                  io.emit('echo', 'main');
                  sec.emit('echo', 'secure');
                  const secEcho = sec.expect('echo', () => true, { timeout: '5s' });
                  const mainEcho = io.expect('echo', () => true, { timeout: '5s' });
                  const secAck = sec.emitWithAck('ack', 'sa', { timeout: '5s' });
                  const mainAck = io.emitWithAck('ack', 'ma', { timeout: '5s' });
                  check(null, {
                    'a refused namespace fails alone': () => !refused.ok && refused.error.includes('not authorized') && io.connected && sec.connected,
                    'each namespace gets its own events': () => secEcho[0] === 'secure' && mainEcho[0] === 'main',
                    'each namespace gets its own acks': () => secAck[0] === 'sa' && mainAck[0] === 'ma',
                  });
                  io.close(); // leaves "/": the connection stays for /secure
                  const after = sec.emitWithAck('ack', 'still', { timeout: '5s' });
                  check(null, { 'the other namespace goes on': () => after !== null && after[0] === 'still' && sec.connected
                      && !io.connected && io.disconnectReason === 'io client disconnect' });
                  sec.emit('leave-me');
                  const t0 = Date.now();
                  const never = sec.expect('never', () => true, { timeout: '10s' });
                  check(null, { 'the last namespace left ends the connection': () => never === null && Date.now() - t0 < 3000
                      && sec.disconnectReason === 'io server disconnect' });
                }
                """, "{ iterations: 1 }");
        assertEquals(1, m.path("ws_sessions").path("count").asInt(), "one WebSocket for both namespaces: " + m.toPrettyString());
        assertEquals(2, m.path("sio_sessions").path("count").asInt());
        assertEquals(1, m.path("sio_errors").path("count").asInt());
        assertEquals(2, m.path("sio_disconnects").path("count").asInt());
    }

    @org.junit.jupiter.api.Test
    void groovyJoinsASecondNamespaceWithNamedArgumentsAndReadsWhenAnEventArrived() throws Exception {
        try (SandboxServer sandbox = SandboxServer.start(0, 0, SandboxServer.DEFAULT_SECRET)) {
            Jload.Result r = Jload.runScriptAs(dir, "of.groovy", """
                    import groovy.transform.BaseScript
                    import java.time.Duration
                    import jload.groovy.JloadScript
                    @BaseScript JloadScript jload
                    options { iterations 1 }
                    iteration {
                        def io = socketio.connect(env.SIO)
                        def secure = io.of('/secure', auth: [token: env.TOKEN], timeout: '5s')
                        secure.emit('echo', json(['s']))
                        def echoed = secure.expect('echo', { true }, Duration.ofSeconds(5))
                        double ago = System.currentTimeMillis() - secure.receivedAtEpochMillis()
                        check(secure, 'second namespace on the same connection') { it.ok() && it.namespace() == '/secure' && parseJson(echoed)[0] == 's' }
                        check(ago, 'the echo was read moments ago') { it >= -1 && it < 5000 }
                        io.close()
                        secure.close()
                    }
                    """, "-e", "SIO=" + sandbox.socketIoBase(), "-e", "TOKEN=" + sandbox.sampleToken("g", Duration.ofHours(1)),
                    "--summary-export", dir.resolve("summary.json").toString());
            assertAllChecksPassed(r);
            assertEquals(1, metrics().path("ws_sessions").path("count").asInt());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"node", "sandbox"})
    void theHeartbeatIsAnsweredWhileTheScriptSleepsAndAServerDisconnectIsToldApart(String kind) throws Exception {
        // Pings every 200 ms, 200 ms to answer: a client that answered only when its script called it would be dropped.
        JsonNode m = runPassing(kind, 200, 200, """
                export default function () {
                  const io = socketio.connect(__ENV.SIO, { query: PINGQ });
                  sleep(2);
                  check(io, { 'still connected after 10 heartbeats': (s) => s.connected });
                  io.emit('disconnect-me');
                  sleep(0.5);
                  check(io, { 'the server disconnected it': (s) => !s.connected && s.disconnectReason === 'io server disconnect' });
                }
                """, "{ iterations: 1 }");
        assertEquals(1, m.path("sio_disconnects").path("count").asInt());
    }

    @ParameterizedTest
    @ValueSource(strings = {"node", "sandbox"})
    void aWaitEndsAsSoonAsTheServerLeavesTheNamespace(String kind) throws Exception {
        runPassing(kind, 25_000, 20_000, """
                export default function () {
                  const io = socketio.connect(__ENV.SIO, { query: PINGQ });
                  io.emit('leave-me');
                  const t0 = Date.now();
                  const never = io.expect('never', () => true, { timeout: '10s' });
                  const waited = Date.now() - t0;
                  check(io, {
                    'the wait ended with the session, not at its timeout': () => never === null && waited < 3000,
                    'told apart as the server leaving': (s) => !s.connected && s.disconnectReason === 'io server disconnect',
                  });
                }
                """, "{ iterations: 1 }");
    }

    @ParameterizedTest
    @ValueSource(strings = {"node", "sandbox"})
    void aServerThatStopsPingingIsDeclaredDeadAfterPingIntervalPlusPingTimeout(String kind) throws Exception {
        JsonNode m = runPassing(kind, 300, 300, """
                export default function () {
                  const io = socketio.connect(__ENV.SIO, { query: PINGQ });
                  io.emit('go-silent', 2000); // the server sends no ping for 2 s
                  sleep(1.5);
                  check(io, { 'declared dead': (s) => !s.connected && s.disconnectReason === 'ping timeout' });
                }
                """, "{ iterations: 1 }");
        assertEquals(1, m.path("sio_errors").path("count").asInt(), m.toPrettyString());
        assertEquals(1, m.path("sio_disconnects").path("count").asInt(), m.toPrettyString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"node", "sandbox"})
    void aMalformedPacketIsCountedEndsThatSessionAndTheRunGoesOn(String kind) throws Exception {
        JsonNode m = runPassing(kind, 25_000, 20_000, """
                export default function () {
                  const io = socketio.connect(__ENV.SIO, { query: PINGQ });
                  if (__ITER === 0) {
                    io.emit('garbage');
                    const never = io.expect('never', () => true, { timeout: '5s' });
                    check(io, { 'the session ended on the bad packet': (s) => never === null && !s.connected
                        && s.disconnectReason === 'parse error' && s.error.includes('not an Engine.IO v4 packet') });
                  } else {
                    check(io, { 'the next connect works': (s) => s.ok && s.emitWithAck('ack', 7)[0] === 7 });
                    io.close();
                  }
                }
                """, "{ vus: 1, iterations: 2 }");
        assertEquals(1, m.path("sio_errors").path("count").asInt(), m.toPrettyString());
        assertEquals(2, m.path("sio_sessions").path("count").asInt(), m.toPrettyString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"node", "sandbox"})
    void aK6WsScriptThatHandRollsSocketIoKeepsWorking(String kind) throws Exception {
        runPassing(kind, 200, 1_000, """
                import ws from 'k6/ws';
                export default function () {
                  const q = Object.entries(PINGQ).map(([k, v]) => `&${k}=${v}`).join('');
                  let echoed = false, pings = 0;
                  const res = ws.connect(__ENV.SIO.replace('http', 'ws') + '/socket.io/?EIO=4&transport=websocket' + q, null, (socket) => {
                    socket.on('message', (m) => {
                      if (m.startsWith('0')) socket.send('40');
                      else if (m === '2') { pings++; socket.send('3'); }
                      else if (m.startsWith('40')) socket.send('42["echo","hi"]');
                      else if (m === '42["echo","hi"]') echoed = true;
                    });
                    socket.setTimeout(() => socket.close(), 1500);
                  });
                  check(res, { 'upgraded': (x) => x.status === 101, 'echoed': () => echoed, 'answered the pings by hand': () => pings >= 3 });
                }
                """, "{ iterations: 1 }");
    }

    @org.junit.jupiter.api.Test
    void aServerThatRefusesTheWebsocketTransportGetsOneClearMessage() throws Exception {
        try (SocketIoServer pollingOnly = SocketIoServer.start(25_000, 20_000, "t", "polling")) {
            Jload.Result r = Jload.runScript(dir, """
                    import socketio from 'jload/socketio';
                    export default function () {
                      const io = socketio.connect(__ENV.SIO);
                      console.log('ERR ' + io.error);
                    }
                    """, "-e", "SIO=" + pollingOnly.url(), "-i", "1");
            assertEquals(0, r.exitCode(), r.toString());
            assertTrue(r.stderr().contains("refused Engine.IO v4 over WebSocket (HTTP 400") && r.stderr().contains("long-polling"), r.stderr());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"node", "sandbox"})
    void aRoomBroadcastReachesEveryOneOf500Vus(String kind) throws Exception {
        JsonNode m = runPassing(kind, 25_000, 20_000, """
                export default function () {
                  const io = socketio.connect(__ENV.SIO, { query: PINGQ, timeout: '30s' });
                  const joined = io.emitWithAck('join', 'everyone', { timeout: '30s' });
                  if (__VU === 1) {
                    sleep(8); // the others have joined by then
                    io.emit('broadcast', 'everyone', { n: 1 });
                  }
                  const got = io.expect('broadcast', (m) => m.data.n === 1, { timeout: '30s' });
                  const latency = io.receivedAt - got[0].ts; // the server's send time → the frame read on the event loop
                  check(got, {
                    'joined and received the broadcast': (g) => joined !== null && g !== null,
                    'its receipt time is on the same wall clock as the server': () => latency > -1 && latency < 30000,
                  });
                  io.close();
                }
                """, "{ scenarios: { all: { executor: 'per-vu-iterations', vus: 500, iterations: 1, maxDuration: '90s' } } }");
        assertEquals(1000, m.path("checks").path("passes").asInt(), m.path("checks").toString());
        assertEquals(500, m.path("sio_sessions").path("count").asInt());
    }

    @ParameterizedTest
    @ValueSource(strings = {"node", "sandbox"})
    void handlersTakeTheirEventsWhileTheVuWaitsAndAnswerTheServersAcks(String kind) throws Exception {
        runPassing(kind, 25_000, 20_000, """
                export default function () {
                  const io = socketio.connect(__ENV.SIO, { query: PINGQ });
                  let questions = 0, echoed = null;
                  io.on('question', (q) => { questions++; return `answer to ${q}`; });
                  io.on('echo', (s) => { echoed = s; });
                  io.emit('ask', 'life');
                  const answered = io.expect('answered', () => true, { timeout: '5s' });
                  io.emit('echo', 'by handler');
                  io.wait(500);
                  const direct = io.expect('echo', () => true, { timeout: '200ms' });
                  check(null, {
                    'the handler answered the server': () => questions === 1 && answered !== null && answered[0] === 'answer to life',
                    'a handled event ran its handler, not expect': () => echoed === 'by handler' && direct === null,
                  });
                  io.close();
                }
                """, "{ iterations: 1 }");
    }

    @ParameterizedTest
    @ValueSource(strings = {"node", "sandbox"})
    void binaryAttachmentsGoBothWays(String kind) throws Exception {
        runPassing(kind, 25_000, 20_000, """
                export default function () {
                  const io = socketio.connect(__ENV.SIO, { query: PINGQ });
                  const sent = new Uint8Array([1, 2, 3, 0, 200]);
                  const ack = io.emitWithAck('bin', sent.buffer, 'first', { timeout: '5s' });
                  const back = io.expect('bin', (m) => m.label === 'first', { timeout: '5s' });
                  const bytes = (b) => Array.from(new Uint8Array(b)).join(',');
                  check(null, {
                    'the ack carries bytes (a binary ack)': () => ack !== null && ack[0] instanceof ArrayBuffer && bytes(ack[0]) === '1,2,3,0,200,255' && ack[1] === 'first',
                    'the event carries bytes inside an object (a binary event)': () => back !== null && bytes(back[0].bytes) === '1,2,3,0,200',
                  });
                  io.close();
                }
                """, "{ iterations: 1 }");
    }
}
