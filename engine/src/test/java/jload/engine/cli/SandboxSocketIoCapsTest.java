package jload.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import jload.engine.sandbox.SandboxServer;
import jload.engine.sandbox.SocketIoLimits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sandbox's Socket.IO endpoint plays seed 001's gateway: connection, per-Origin and subscription caps and idle
 * eviction refuse with an error event in the gateway's words, /metrics shows the limits held, and a room's
 * broadcasts are replayed to a client that joins with {since}.
 */
class SandboxSocketIoCapsTest {
    @TempDir
    Path dir;

    private Jload.Result run(SandboxServer sandbox, String body) throws Exception {
        Jload.Result r = Jload.runScript(dir, """
                import socketio from 'jload/socketio';
                import { check, sleep } from 'k6';
                export const options = { iterations: 1 };
                %s""".formatted(body), "-e", "SIO=" + sandbox.socketIoBase(), "--summary-export", dir.resolve("summary.json").toString());
        Jload.assertPassedEveryCheck(r, dir.resolve("summary.json"));
        return r;
    }

    private static String metrics(SandboxServer sandbox) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(sandbox.httpBase() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static SocketIoLimits limits(int connections, int perOrigin, int subscriptions, Duration idle) {
        return new SocketIoLimits(connections, perOrigin, subscriptions, idle, "novel.error");
    }

    @Test
    void theConnectionOverTheCapIsToldWhyAndDisconnectedAndTheMetricsShowTheCapHeld() throws Exception {
        try (SandboxServer sandbox = SandboxServer.start(0, 0, SandboxServer.DEFAULT_SECRET, limits(3, 0, 0, Duration.ZERO))) {
            run(sandbox, """
                    export default function () {
                      const admitted = [1, 2, 3].map(() => socketio.connect(__ENV.SIO));
                      const fourth = socketio.connect(__ENV.SIO);
                      const told = fourth.expect('novel.error', () => true, { timeout: '5s' });
                      fourth.wait(1000);
                      check(null, {
                        'the first three stay': () => admitted.every((s) => s.ok && s.connected),
                        'the fourth is told in the gateway words': () => told !== null && told[0].code === 'connection_limit'
                            && told[0].message === 'Too many realtime connections',
                        'and disconnected': () => !fourth.connected && fourth.disconnectReason === 'io server disconnect',
                      });
                      admitted[0].close();
                      const fifth = socketio.connect(__ENV.SIO); // a slot was freed
                      check(fifth, { 'a freed slot admits the next': (s) => s.expect('novel.error', () => true, { timeout: '500ms' }) === null && s.connected });
                    }
                    """);
            String m = metrics(sandbox);
            assertTrue(m.contains("sandbox_socketio_connections_peak 3\n"), m);
            assertTrue(m.contains("sandbox_socketio_refusals_total{reason=\"connection_limit\"} 1\n"), m);
            assertTrue(m.contains("sandbox_socketio_limit{cap=\"max_connections\"} 3\n"), m);
        }
    }

    @Test
    void thePerOriginCapCountsEachOriginApart() throws Exception {
        try (SandboxServer sandbox = SandboxServer.start(0, 0, SandboxServer.DEFAULT_SECRET, limits(0, 2, 0, Duration.ZERO))) {
            run(sandbox, """
                    export default function () {
                      const from = (origin) => socketio.connect(__ENV.SIO, { headers: { Origin: origin } });
                      const a = [from('http://a.test'), from('http://a.test')];
                      const third = from('http://a.test');
                      const b = from('http://b.test');
                      const told = third.expect('novel.error', () => true, { timeout: '5s' });
                      check(null, {
                        'the third from one origin is refused': () => told !== null && told[0].code === 'origin_limit'
                            && told[0].message === 'Too many connections from this origin',
                        'others from that origin and another origin stay': () => a.every((s) => s.connected)
                            && b.expect('novel.error', () => true, { timeout: '500ms' }) === null && b.connected,
                      });
                    }
                    """);
            String m = metrics(sandbox);
            assertTrue(m.contains("sandbox_socketio_refusals_total{reason=\"origin_limit\"} 1\n"), m);
        }
    }

    @Test
    void aJoinBeyondTheSubscriptionCapIsRefusedOncePerRequest() throws Exception {
        try (SandboxServer sandbox = SandboxServer.start(0, 0, SandboxServer.DEFAULT_SECRET, limits(0, 0, 2, Duration.ZERO))) {
            run(sandbox, """
                    export default function () {
                      const io = socketio.connect(__ENV.SIO);
                      const acks = ['r1', 'r2', 'r1', 'r3', 'r4'].map((r) => io.emitWithAck('join', r, { timeout: '5s' })[0]);
                      const told = [io.expect('novel.error', () => true, { timeout: '2s' }), io.expect('novel.error', () => true, { timeout: '2s' })];
                      check(null, {
                        'two rooms, and the same one again, are joined': () => acks[0].members === 1 && acks[1].members === 1 && acks[2].error === undefined,
                        'each join beyond is acked with the error': () => acks[3].error === 'Subscription limit reached' && acks[4].error === 'Subscription limit reached',
                        'and told once per request': () => told.every((t) => t !== null && t[0].code === 'subscription_limit') && told[0][0].room === 'r3'
                            && told[1][0].room === 'r4' && io.expect('novel.error', () => true, { timeout: '300ms' }) === null,
                        'the socket stays': () => io.connected,
                      });
                    }
                    """);
        }
    }

    @Test
    void anIdleConnectionIsEvictedWhileABusyOneStays() throws Exception {
        try (SandboxServer sandbox = SandboxServer.start(0, 0, SandboxServer.DEFAULT_SECRET, limits(0, 0, 0, Duration.ofMillis(600)))) {
            run(sandbox, """
                    export default function () {
                      const idle = socketio.connect(__ENV.SIO);
                      const busy = socketio.connect(__ENV.SIO);
                      for (let i = 0; i < 8; i++) { busy.emit('echo', i); sleep(0.2); }
                      const told = idle.expect('novel.error', () => true, { timeout: '5s' });
                      check(null, {
                        'the idle one is told and disconnected': () => told !== null && told[0].message === 'Disconnected due to inactivity.'
                            && told[0].code === 'idle_timeout' && !idle.connected && idle.disconnectReason === 'io server disconnect',
                        'the busy one stays': () => busy.connected,
                      });
                    }
                    """);
            assertTrue(metrics(sandbox).contains("sandbox_socketio_refusals_total{reason=\"idle_timeout\"} 1\n"), metrics(sandbox));
        }
    }

    @Test
    void aJoinWithSinceReplaysTheRoomsKeptBroadcastsThenSaysItIsComplete() throws Exception {
        try (SandboxServer sandbox = SandboxServer.start(0, 0, SandboxServer.DEFAULT_SECRET)) {
            run(sandbox, """
                    export default function () {
                      const publisher = socketio.connect(__ENV.SIO);
                      for (let i = 1; i <= 50; i++) publisher.emitWithAck('broadcast', 'jobs', { n: i }, { timeout: '5s' });
                      const late = socketio.connect(__ENV.SIO);
                      const [ack] = late.emitWithAck('join', 'jobs', { since: 45 }, { timeout: '5s' });
                      const replayed = [];
                      late.on('catch-up', (e) => { replayed.push(e); });
                      const done = late.expect('catch-up-complete', () => true, { timeout: '5s' });
                      const all = socketio.connect(__ENV.SIO);
                      all.emitWithAck('join', 'jobs', { since: 0 }, { timeout: '5s' });
                      const full = all.expect('catch-up-complete', () => true, { timeout: '5s' });
                      publisher.emit('broadcast', 'jobs', { n: 51 });
                      const live = late.expect('broadcast', () => true, { timeout: '5s' });
                      check(null, {
                        'the ack says how many follow': () => ack.replay === 5,
                        'the events after since come in order': () => replayed.map((e) => e.data.n).join() === '46,47,48,49,50'
                            && replayed.map((e) => e.seq).join() === '46,47,48,49,50',
                        'then the completion': () => done[0].count === 5 && done[0].room === 'jobs' && full[0].count === 50,
                        'then live events, numbered on': () => live[0].data.n === 51 && live[0].seq === 51,
                      });
                    }
                    """);
        }
    }

    @Test
    void capsWithoutTheSandboxAreAConfigurationError() throws Exception {
        Jload.Result r = Jload.runScript(dir, "export default function () {}", "--sio-max-connections", "5");
        assertEquals(104, r.exitCode(), r.toString());
        assertTrue(r.stderr().contains("--sio-* options") && r.stderr().contains("--sandbox"), r.stderr());
        Jload.Result bad = Jload.runScript(dir, "export default function () {}", "--sandbox", "--sio-idle-timeout", "soon");
        assertEquals(104, bad.exitCode(), bad.toString());
        assertTrue(bad.stderr().contains("--sio-idle-timeout: 'soon' is not a duration"), bad.stderr());
    }
}
