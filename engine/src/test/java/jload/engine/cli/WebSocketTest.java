package jload.engine.cli;

import static jload.engine.cli.Jload.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** WebSocket VUs through the CLI against the built-in sandbox (--sandbox): jload/ws and k6/ws. */
class WebSocketTest {
    @TempDir
    Path dir;

    private Jload.Result run(String script, String... flags) {
        String[] all = new String[flags.length + 1];
        all[0] = "--sandbox";
        System.arraycopy(flags, 0, all, 1, flags.length);
        return Jload.runScript(dir, script, all);
    }

    @Test
    void echoRoundTripsAreMeasuredAsWsRtt() {
        Path export = dir.resolve("e.json");
        Jload.Result r = run("""
                import { check } from 'k6';
                import { ws } from 'jload';
                export const options = { vus: 3, iterations: 9, thresholds: { checks: ['rate==1'] } };
                export default function () {
                  const s = ws.connect(`${__ENV.TARGET}/ws/echo`);
                  check(s, { 'open': (x) => x.ok && x.status === 101 && x.open });
                  for (let i = 0; i < 5; i++) {
                    s.send(`m${i}`);
                    check(s.expect((m) => m.text === `m${i}`, { timeout: '2s' }), { 'echo': (m) => m !== null });
                  }
                  check(s.ping({ timeout: '2s' }), { 'ping answered': (ms) => ms >= 0 && ms < 2000 });
                  s.close();
                  check(s, { 'closed normally': (x) => x.closeCode === 1000 && !x.open });
                }
                """, "--summary-export", export.toString(), "--summary-trend-stats", "avg,p(95),count");
        assertEquals(0, r.exitCode(), r::toString);
        JsonNode e = r.export(export);
        assertEquals(45, value(e, "ws_rtt", "count"));
        assertEquals(45, value(e, "ws_msgs_sent", "count"));
        assertEquals(45, value(e, "ws_msgs_received", "count"));
        assertEquals(9, value(e, "ws_sessions", "count"));
        assertEquals(9, value(e, "ws_ping", "count"));
        assertTrue(value(e, "data_sent", "count") > 45 * 2, "frames on the wire are counted");
        assertTrue(e.path("metrics").path("ws_errors").isMissingNode(), e::toPrettyString);
    }

    @Test
    void roundTripsCarryTheTagsOfTheCallNotOnlyOfTheConnect() {
        // A socket opened in the first iteration and reused: its ws_rtt samples follow the VU's
        // tags (exec.vu.tags, group) at the expect, so phases and groups can be told apart.
        Path export = dir.resolve("e.json");
        Jload.Result r = run("""
                import { group } from 'k6';
                import exec from 'k6/execution';
                import { ws } from 'jload';
                export const options = {
                  vus: 1, iterations: 4,
                  // declared so that the export has them; the counts are asserted below
                  thresholds: { 'ws_rtt{phase:warmup}': ['max>=0'], 'ws_rtt{phase:measure}': ['max>=0'],
                                'ws_rtt{group:::inner}': ['max>=0'], 'ws_msgs_sent{phase:warmup}': ['count>=0'] },
                };
                let s = null;
                export default function () {
                  exec.vu.tags.phase = exec.vu.iterationInScenario < 2 ? 'warmup' : 'measure';
                  if (s === null) s = ws.connect(`${__ENV.TARGET}/ws/echo`, { persist: true });
                  s.send('a');
                  s.expect((m) => m.text === 'a', { timeout: '2s' });
                  if (exec.vu.iterationInScenario === 3) group('inner', () => { s.send('b'); s.expect((m) => m.text === 'b', { timeout: '2s' }); });
                }
                """, "--summary-export", export.toString(), "--summary-trend-stats", "avg,count");
        assertEquals(0, r.exitCode(), r::toString);
        JsonNode e = r.export(export);
        assertEquals(5, value(e, "ws_rtt", "count"));
        assertEquals(2, value(e, "ws_rtt{phase:warmup}", "count"));
        assertEquals(3, value(e, "ws_rtt{phase:measure}", "count"));
        assertEquals(1, value(e, "ws_rtt{group:::inner}", "count"));
        // what the network reports keeps the connect's tags
        assertEquals(5, value(e, "ws_msgs_sent{phase:warmup}", "count"));
    }

    @Test
    void binaryFramesAndPermessageDeflateRoundTrip() {
        Jload.Result r = run("""
                import { check } from 'k6';
                import { ws } from 'jload';
                import k6ws from 'k6/ws';
                export const options = { iterations: 1, thresholds: { checks: ['rate==1'] } };
                export default function () {
                  const s = ws.connect(`${__ENV.TARGET}/ws/echo`, { compression: 'deflate', subprotocols: ['chat.v1'] });
                  const ext = Object.entries(s.headers).find(([k]) => k.toLowerCase() === 'sec-websocket-extensions');
                  check(ext, { 'deflate negotiated': (e) => e !== undefined && e[1].includes('permessage-deflate') });
                  const proto = Object.entries(s.headers).find(([k]) => k.toLowerCase() === 'sec-websocket-protocol');
                  check(proto, { 'subprotocol accepted': (p) => p !== undefined && p[1] === 'chat.v1' });
                  const bytes = new Uint8Array([0, 1, 2, 250, 255]);
                  s.send(bytes);
                  const m = s.expect((x) => x.binary, { timeout: '2s' });
                  check(m, { 'binary echo is byte-exact': (x) => x !== null && new Uint8Array(x.data).join() === '0,1,2,250,255' });
                  const big = 'x'.repeat(200000); // compressed, and larger than one frame buffer
                  s.send(big);
                  check(s.expect((x) => x.text.length === big.length, { timeout: '5s' }), { 'large text echo': (x) => x !== null });
                  s.close();
                  const res = k6ws.connect(`${__ENV.TARGET}/ws/echo`, { compression: 'deflate' }, (socket) => {
                    socket.on('open', () => socket.close());
                  });
                  const k6ext = Object.entries(res.headers).find(([k]) => k.toLowerCase() === 'sec-websocket-extensions');
                  check(k6ext, { 'k6/ws negotiates deflate too': (e) => e !== undefined && e[1].includes('permessage-deflate') });
                }
                """);
        assertEquals(0, r.exitCode(), r::toString);
    }

    @Test
    void fragmentedMessagesArriveWhole() {
        Path export = dir.resolve("e.json");
        Jload.Result r = run("""
                import { check } from 'k6';
                import { ws } from 'jload';
                import k6ws from 'k6/ws';
                export const options = { iterations: 1, thresholds: { checks: ['rate==1'] } };
                const text = 'abcdefghijklmnopqrstuvwxyz'.repeat(40);
                export default function () {
                  const s = ws.connect(`${__ENV.TARGET}/ws/echo?fragments=7`);
                  s.send(text);
                  check(s.expect((m) => m.text === text, { timeout: '2s' }), { 'seven fragments, one message': (m) => m !== null });
                  s.close();
                  k6ws.connect(`${__ENV.TARGET}/ws/echo?fragments=3`, {}, (socket) => {
                    socket.on('open', () => socket.send(text));
                    socket.on('message', (m) => { check(m, { 'k6/ws sees it whole too': (x) => x === text }); socket.close(); });
                  });
                }
                """, "--summary-export", export.toString());
        assertEquals(0, r.exitCode(), r::toString);
        assertEquals(2, value(r.export(export), "ws_msgs_received", "count"), "a message, not its frames, is counted");
    }

    @Test
    void messagesNobodyAskedForAreKeptInOrder() {
        Jload.Result r = run("""
                import { check } from 'k6';
                import { ws } from 'jload';
                export const options = { iterations: 1, thresholds: { checks: ['rate==1'] } };
                export default function () {
                  const s = ws.connect(`${__ENV.TARGET}/ws/echo`);
                  for (const t of ['a', 'b', 'c']) s.send(t);
                  check(s.expect((m) => m.text === 'c', { timeout: '2s' }), { 'c found first': (m) => m !== null });
                  check(s.messages().map((m) => m.text), { 'a and b kept, in order': (t) => t.join() === 'a,b' });
                  check(s.expect(() => true, { timeout: '200ms' }), { 'nothing left: null after the timeout': (m) => m === null });
                  s.close();
                }
                """);
        assertEquals(0, r.exitCode(), r::toString);
    }

    @Test
    void rejectedUpgradesAndServerErrorClosesAreCountedAndTheRunGoesOn() {
        Path export = dir.resolve("e.json");
        Jload.Result r = run("""
                import { check } from 'k6';
                import { ws } from 'jload';
                export const options = { iterations: 3, thresholds: { checks: ['rate==1'] } };
                export default function () {
                  const rejected = ws.connect(`${__ENV.TARGET}/ws/reject?status=503`);
                  check(rejected, { 'rejected with its status': (s) => !s.ok && s.status === 503 && s.error.includes('503') });
                  const s = ws.connect(`${__ENV.TARGET}/ws/echo?closeAfter=1&closeCode=1011&closeReason=overloaded`);
                  s.send('only one');
                  s.expect(() => false, { timeout: '1s' });
                  check(s, { 'server closed with 1011': (x) => x.closeCode === 1011 });
                }
                """, "--summary-export", export.toString());
        assertEquals(0, r.exitCode(), r::toString);
        JsonNode e = r.export(export);
        assertEquals(6, value(e, "ws_errors", "count"), "3 rejected upgrades + 3 abnormal closes");
        assertEquals(3, value(e, "iterations", "count"));
    }

    @Test
    void refusedConnectionsAreReportedNotThrown() {
        Jload.Result r = Jload.runScript(dir, """
                import { check } from 'k6';
                import { ws } from 'jload';
                export const options = { iterations: 1, thresholds: { 'ws_errors{kind:refused}': ['count==1'], checks: ['rate==1'] } };
                export default function () {
                  const s = ws.connect('ws://127.0.0.1:1/nothing-listens-here', { timeout: '2s' });
                  check(s, { 'not ok, with a reason': (x) => !x.ok && x.status === 0 && x.error.length > 0 });
                }
                """);
        assertEquals(0, r.exitCode(), r::toString);
    }

    @Test
    void pingsOfK6WsAndK6WebsocketsAreMeasuredAsWsPing() {
        Path export = dir.resolve("e.json");
        Jload.Result r = run("""
                import ws from 'k6/ws';
                import { WebSocket } from 'k6/websockets';
                export const options = { iterations: 2 };
                export default function () {
                  ws.connect(`${__ENV.TARGET}/ws/echo`, {}, (socket) => {
                    socket.on('open', () => socket.ping());
                    socket.on('pong', () => socket.close());
                  });
                  const b = new WebSocket(`${__ENV.TARGET}/ws/echo`);
                  b.onopen = () => b.ping();
                  b.onpong = () => b.close();
                }
                """, "--summary-export", export.toString(), "--summary-trend-stats", "max,count");
        assertEquals(0, r.exitCode(), r::toString);
        JsonNode e = r.export(export);
        assertEquals(4, value(e, "ws_ping", "count"), e::toPrettyString);
        assertTrue(value(e, "ws_ping", "max") < 5000);
    }

    @Test
    void k6WsRunsTheCallbackBeforeOpenAndBlocksUntilClose() {
        Jload.Result r = run("""
                import ws from 'k6/ws';
                import { check } from 'k6';
                export const options = { iterations: 2, thresholds: { checks: ['rate==1'], ws_ping: ['max<5000'] } };
                export default function () {
                  const events = [];
                  const res = ws.connect(`${__ENV.TARGET}/ws/echo`, { tags: { t: 'x' }, notAK6Param: true }, (socket) => {
                    events.push('callback');
                    socket.on('open', () => { events.push('open'); socket.send('hi'); socket.ping(); });
                    socket.on('message', (m) => { events.push('message:' + m); socket.close(); });
                    socket.on('pong', () => events.push('pong'));
                    socket.on('close', (code) => events.push('close:' + code));
                    events.push('callback returned');
                  });
                  events.push('connect returned');
                  check(events, {
                    'callback, then open': (e) => e.slice(0, 3).join() === 'callback,callback returned,open',
                    'message before close': (e) => e.indexOf('message:hi') < e.indexOf('close:1001'),
                    'close() defaults to 1001': (e) => e.includes('close:1001'),
                    'connect returns after close': (e) => e[e.length - 1] === 'connect returned',
                  });
                  check(res, { 'status 101': (x) => x.status === 101 });
                }
                """);
        assertEquals(0, r.exitCode(), r::toString);
    }

    @Test
    void k6WsHandlerExceptionsEndTheSessionAndSleepInAHandlerIsFlaggedOnce() {
        Jload.Result r = run("""
                import ws from 'k6/ws';
                import { sleep } from 'k6';
                import { Counter } from 'k6/metrics';
                const closes = new Counter('sessions_closed');
                export const options = { iterations: 3 };
                export default function () {
                  ws.connect(`${__ENV.TARGET}/ws/echo`, {}, (socket) => {
                    socket.on('open', () => socket.send('x'));
                    socket.on('message', () => { sleep(0.01); throw new Error('handler broke'); });
                    socket.on('close', () => closes.add(1));
                    socket.setTimeout(() => socket.close(1000), 150);
                  });
                }
                """);
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.stderr().contains("Error: handler broke"), r::toString);
        assertTrue(r.stderr().contains("handler broke — 3 times at"), r::toString);
        assertEquals(1, r.stderr().lines().filter(l -> l.contains("sleep() inside a k6/ws handler at")).count(), r::toString);
        assertTrue(r.stderr().contains("test.js:9:"), "the warning names the line\n" + r);
        assertTrue(r.stdout().matches("(?s).*sessions_closed\\.*: 3\\s.*"), "the exception closed every session, with its handlers\n" + r);
    }

    @Test
    void browserStyleSocketsRunUntilEveryOneHasClosed() {
        Jload.Result r = run("""
                import { WebSocket } from 'k6/experimental/websockets';
                import { check } from 'k6';
                import { Counter } from 'k6/metrics';
                const closed = new Counter('closed_sockets');
                export const options = { iterations: 2, thresholds: { checks: ['rate==1'], closed_sockets: ['count==6'] } };
                export default function () {
                  for (let i = 0; i < 3; i++) {
                    const s = new WebSocket(`${__ENV.TARGET}/ws/echo`);
                    check(s, { 'connecting at first': (x) => x.readyState === WebSocket.CONNECTING && x.binaryType === 'blob' });
                    s.onopen = () => { check(s, { 'open': (x) => x.readyState === WebSocket.OPEN }); s.send(`hello ${i}`); };
                    s.addEventListener('message', (e) => {
                      check(e, { 'echo': (ev) => ev.data === `hello ${i}` });
                      setTimeout(() => s.close(), 50 * i);
                    });
                    s.onclose = (e) => { closed.add(1); check(e, { 'close() defaults to 1000': (ev) => ev.code === 1000 }); };
                  }
                }
                """);
        assertEquals(0, r.exitCode(), r::toString);
    }

    @Test
    void browserStyleSocketsRejectUnknownParams() {
        Jload.Result r = run("""
                import { WebSocket } from 'k6/websockets';
                export const options = { iterations: 1 };
                export default function () { new WebSocket(`${__ENV.TARGET}/ws/echo`, null, { headerz: {} }); }
                """);
        assertTrue(r.stderr().contains("unknown param 'headerz'"), r::toString);
    }

    @Test
    void twoThousandSocketsNeedOnlyAFewPlatformThreads() throws Exception {
        int baseline = Thread.getAllStackTraces().size();
        AtomicInteger maxThreads = new AtomicInteger();
        Thread watcher = Thread.ofPlatform().daemon().start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                maxThreads.accumulateAndGet(Thread.getAllStackTraces().size(), Math::max);
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        Path export = dir.resolve("e.json");
        Jload.Result r;
        try {
            // 20 VUs × 100 sockets each, all open at once, each echoing once.
            r = run("""
                    import { check } from 'k6';
                    import { ws } from 'jload';
                    export const options = { scenarios: { s: { executor: 'per-vu-iterations', vus: 20, iterations: 1 } },
                      thresholds: { checks: ['rate==1'] } };
                    export default function () {
                      const sockets = [];
                      for (let i = 0; i < 100; i++) sockets.push(ws.connect(`${__ENV.TARGET}/ws/echo`, { timeout: '20s' }));
                      check(sockets, { 'all open': (s) => s.every((x) => x.ok) });
                      for (const s of sockets) s.send('x');
                      check(sockets, { 'all echoed': (s) => s.every((x) => x.expect((m) => m.text === 'x', { timeout: '10s' }) !== null) });
                      for (const s of sockets) s.close();
                    }
                    """, "--summary-export", export.toString());
        } finally {
            watcher.interrupt();
        }
        assertEquals(0, r.exitCode(), r::toString);
        assertEquals(2000, value(r.export(export), "ws_sessions", "count"));
        int added = maxThreads.get() - baseline;
        // Event loops (one per core), the sandbox server's few threads, jload's own (sampler, VU init pool): a few dozen at most.
        assertTrue(added < 40, "platform threads added during the run: " + added);
        assertFalse(r.stderr().contains("ERRO"), r::toString);
    }
}
