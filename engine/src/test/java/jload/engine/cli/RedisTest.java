package jload.engine.cli;

import jload.engine.proto.redis.RedisServerProcess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** jload/redis against a real redis-server of the test's own: commands, pub/sub between VUs, faults counted, secrets kept. */
class RedisTest {
    @TempDir
    Path dir;
    private RedisServerProcess redis;

    @BeforeEach
    void startRedis() throws Exception {
        redis = RedisServerProcess.start();
    }

    @AfterEach
    void stopRedis() throws Exception {
        redis.close();
    }

    private JsonNode runPassing(String body, String options, String... flags) {
        String[] all = java.util.Arrays.copyOf(new String[] {"-e", "REDIS=" + redis.url()}, flags.length + 2);
        System.arraycopy(flags, 0, all, 2, flags.length);
        return Jload.runPassing(dir, """
                import redis from 'jload/redis';
                import { check, sleep } from 'k6';
                export const options = %s;
                %s""".formatted(options, body), all);
    }

    @Test
    void commandsAnswerAsRedisDoesAndAreTimed() throws Exception {
        JsonNode m = runPassing("""
                const r = redis.client(__ENV.REDIS);
                export default function () {
                  check(r, {
                    'set and get': (c) => c.set('k', 'v1') === 'OK' && c.get('k') === 'v1',
                    'no such key is null': (c) => c.get('nope') === null,
                    'incr counts': (c) => c.incr('n') === 1 && c.incr('n') === 2,
                    'expire on a key that exists': (c) => c.expire('k', 60) === true && c.expire('nope', 60) === false,
                    'del says how many went': (c) => c.del('k', 'n', 'nope') === 2,
                    'any other command': (c) => c.command('HSET', 'h', 'f', 'v') === 1 && JSON.stringify(c.command('HGETALL', 'h')) === '["f","v"]',
                    'no error': (c) => c.lastError === null,
                  });
                }
                """, "{ iterations: 1, summaryTrendStats: ['count', 'max'] }");
        assertEquals(10, m.path("redis_command_duration").path("count").asInt(), "one sample per call: " + m.toPrettyString());
        assertEquals(0, m.path("redis_reconnects").path("count").asInt(0), "a first connect is no reconnect: " + m.toPrettyString());
    }

    @Test
    void aPublishReachesEverySubscribedVuInOrder() throws Exception {
        JsonNode m = runPassing("""
                const r = redis.client(__ENV.REDIS);
                export default function () {
                  if (__VU === 1) {
                    sleep(1); // the others have subscribed by then
                    for (let i = 1; i <= 3; i++) r.publish('events', { n: i });
                    return;
                  }
                  const sub = r.subscribe('events');
                  const third = sub.expect((m) => m.json().n === 3, { timeout: '5s' });
                  const skipped = sub.messages();
                  check(null, {
                    'the matching message': () => third !== null && third.channel === 'events' && third.receivedAt > Date.now() - 10000,
                    'the ones before it are still kept, in order': () => skipped.map((m) => m.json().n).join() === '1,2',
                  });
                }
                """, "{ scenarios: { s: { executor: 'per-vu-iterations', vus: 4, iterations: 1 } } }");
        assertEquals(9, m.path("redis_messages_received").path("count").asInt(), m.toPrettyString());
    }

    /** Whether the test's redis-server holds {@code key} (asked over RESP, as redis-cli would). */
    private boolean holds(String key) {
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", redis.port())) {
            s.getOutputStream().write(("*2\r\n$6\r\nEXISTS\r\n$" + key.length() + "\r\n" + key + "\r\n").getBytes());
            byte[] reply = new byte[4];
            int n = s.getInputStream().read(reply);
            return n >= 2 && reply[0] == ':' && reply[1] == '1';
        } catch (java.io.IOException e) {
            return false;
        }
    }

    @Test
    void aServerGoneMidRunIsCountedAndTheRunGoesOnAndReconnects() throws Exception {
        Thread drill = Thread.ofVirtual().start(() -> {
            try {
                long deadline = System.nanoTime() + 60_000_000_000L;
                while (!holds("started") && System.nanoTime() < deadline) Thread.sleep(20);
                redis.stop(); // the script is inside its loop of calls now
                Thread.sleep(1500);
                redis.startAgain();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        JsonNode m = runPassing("""
                const r = redis.client(__ENV.REDIS);
                export default function () {
                  let failed = 0, after = null;
                  r.set('started', '1');
                  for (let i = 0; i < 100 && after === null; i++) {
                    if (r.incr('n') === -1) failed++;
                    else if (failed > 0) after = r.lastError === null ? 'ok' : null;
                    sleep(0.1);
                  }
                  check(r, { 'calls failed while it was gone, then worked again': () => failed > 0 && after === 'ok' });
                }
                """, "{ iterations: 1 }");
        drill.join();
        assertTrue(m.path("redis_errors").path("count").asInt() > 0, m.toPrettyString());
        assertTrue(m.path("redis_reconnects").path("count").asInt() >= 1, "the reconnect is reported: " + m.toPrettyString());
    }

    @Test
    void anOutageOfARedisServerJloadStartedDropsEveryConnectionAndTheRunRidesItOut() throws Exception {
        JsonNode m = runPassing("""
                const r = redis.client(__ENV.REDIS);
                export default function () {
                  const sub = r.subscribe('o', { persist: true });
                  r.set('kept', '1');
                  const t0 = Date.now();
                  r.outage(1000);
                  const returnedAt = Date.now() - t0;
                  let second = null;
                  try { r.outage(10); } catch (e) { second = String(e); }
                  let failed = 0, back = null;
                  for (let i = 0; i < 100 && back === null; i++) {
                    if (r.incr('n') === -1) failed++;
                    else back = Date.now() - t0;
                    sleep(0.05);
                  }
                  let heard = null;
                  for (let i = 0; i < 50 && heard === null; i++) {
                    r.publish('o', 'after');
                    heard = sub.expect((m) => m.text === 'after', { timeout: '100ms' });
                  }
                  check(null, {
                    'the call returned at once': () => returnedAt < 900,
                    'a second one while the first is under way is refused': () => second !== null && second.includes('already under way'),
                    'calls failed while it was down': () => failed > 0,
                    'and worked again after about the outage': () => back !== null && back >= 900,
                    'it came back empty': () => r.get('kept') === null,
                    'the subscription came back too': () => heard !== null,
                  });
                }
                """, "{ iterations: 1 }");
        assertTrue(m.path("redis_errors").path("count").asInt() > 0, m.toPrettyString());
        assertEquals(2, m.path("redis_reconnects").path("count").asInt(), "the command and the subscription connections: " + m.toPrettyString());
    }

    @Test
    void anOutageOfAServerJloadDidNotStartIsRefused() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        // Started here, not by RedisServerProcess: a server jload knows nothing of, with a password to keep out of sight.
        Process other = new ProcessBuilder("redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1", "--save", "",
                "--appendonly", "no", "--requirepass", "secret", "--dir", dir.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("other-redis.log").toFile()).start();
        try {
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (System.nanoTime() < deadline) {
                try (java.net.Socket probe = new java.net.Socket("127.0.0.1", port)) {
                    break;
                } catch (java.io.IOException notYet) {
                    Thread.sleep(50);
                }
            }
            refusedOutage("redis://:secret@127.0.0.1:" + port);
        } finally {
            other.destroy();
            other.waitFor();
        }
    }

    private void refusedOutage(String url) throws Exception {
        Jload.Result r = Jload.runScript(dir, """
                import redis from 'jload/redis';
                import { check } from 'k6';
                export const options = { iterations: 1 };
                const r = redis.client(__ENV.REDIS);
                export default function () {
                  let refused = null;
                  try { r.outage(10); } catch (e) { refused = String(e); }
                  check(refused, { 'refused, saying what to use instead': (e) => e !== null && e.includes('is not a redis-server this jload started') && e.includes('pause(ms)') });
                }
                """, "-e", "REDIS=" + url, "--summary-export", dir.resolve("summary.json").toString());
        Jload.assertPassedEveryCheck(r, dir.resolve("summary.json"));
        assertTrue(!r.stderr().contains("secret") && !r.stdout().contains("secret"), r.toString());
    }

    @Test
    void aBlockingCommandWaitsOnItsOwnConnectionNotOnTheSharedOne() throws Exception {
        runPassing("""
                const r = redis.client(__ENV.REDIS);
                export default function () {
                  if (__VU === 1) { // blocks until VU 3 pushes, about 1.5 s from now
                    const t0 = Date.now();
                    const got = r.command('BLPOP', 'q', '10');
                    const timedOut = r.command('BLPOP', 'empty', '0.5');
                    check(null, {
                      'BLPOP got the pushed element': () => JSON.stringify(got) === '["q","x"]' && Date.now() - t0 >= 1000,
                      'a block that runs out is null, no error': () => timedOut === null && r.lastError === null,
                    });
                  } else if (__VU === 2) { // meanwhile, the shared connection keeps answering at once
                    sleep(0.3);
                    let slowest = 0;
                    for (let i = 0; i < 10; i++) {
                      const t = Date.now();
                      r.incr('busy');
                      slowest = Math.max(slowest, Date.now() - t);
                      sleep(0.05);
                    }
                    check(slowest, { 'commands of other VUs are not held up by the BLPOP': (ms) => ms < 500 });
                  } else {
                    sleep(1.5);
                    r.rpush('q', 'x');
                  }
                }
                """, "{ scenarios: { s: { executor: 'per-vu-iterations', vus: 3, iterations: 1 } } }");
    }

    @Test
    void aVuStoppedInsideABlockingCommandIsNoRedisError() throws Exception {
        Jload.Result r = Jload.runScript(dir, """
                import redis from 'jload/redis';
                export const options = { scenarios: { s: { executor: 'constant-vus', vus: 2, duration: '1s', gracefulStop: '0s' } } };
                const r = redis.client(__ENV.REDIS);
                export default function () { r.command('BLPOP', 'never', '0'); }
                """, "-e", "REDIS=" + redis.url(), "--summary-export", dir.resolve("summary.json").toString());
        assertEquals(0, r.exitCode(), r.toString());
        JsonNode m = new ObjectMapper().readTree(Files.readString(dir.resolve("summary.json"))).path("metrics");
        assertEquals(0, m.path("redis_errors").path("count").asInt(0), "interrupted, not failed: " + m.toPrettyString());
        assertTrue(!r.stderr().contains("Exception"), r.stderr());
    }

    @Test
    void listsHashesAndSetsAnswerAsRedisDoes() throws Exception {
        runPassing("""
                const r = redis.client(__ENV.REDIS);
                export default function () {
                  check(r, {
                    'lists': (c) => c.rpush('l', 'a', 'b') === 2 && c.lpush('l', 'z') === 3 && c.lrange('l', 0, -1).join() === 'z,a,b'
                        && c.lpop('l') === 'z' && c.rpop('l') === 'b' && c.llen('l') === 1 && c.lpop('empty') === null,
                    'hashes': (c) => c.hset('h', { f: 1, g: 'two' }) === 2 && c.hset('h', 'f', 'one') === 0 && c.hget('h', 'f') === 'one'
                        && JSON.stringify(c.hgetall('h')) === '{"f":"one","g":"two"}' && c.hincrby('h', 'n', 5) === 5
                        && c.hdel('h', 'g', 'nope') === 1 && c.hlen('h') === 2 && JSON.stringify(c.hgetall('none')) === '{}',
                    'sets': (c) => c.sadd('s', 'x', 'y', 'x') === 2 && c.sismember('s', 'y') && !c.sismember('s', 'q')
                        && c.smembers('s').sort().join() === 'x,y' && c.srem('s', 'x') === 1 && c.scard('s') === 1,
                    'a command on the wrong type fails, counted': (c) => c.lpush('h', 'x') === -1 && c.lastError.includes('WRONGTYPE'),
                  });
                }
                """, "{ iterations: 1 }");
    }

    @Test
    void outageDrillsPauseAndKillTheRunsOwnSubscriptionsWhichReconnect() throws Exception {
        JsonNode m = runPassing("""
                const r = redis.client(__ENV.REDIS);
                export default function () {
                  const sub = r.subscribe('drill');
                  r.publish('drill', 'before');
                  const before = sub.expect((m) => m.text === 'before', { timeout: '5s' });
                  check(r, { 'a bad mode is refused': (c) => { try { c.pause(10, { mode: 'reads' }); return false; } catch (e) { return String(e).includes("'all' or 'write'"); } } });
                  const killed = r.killClients({ type: 'pubsub' });
                  // Lettuce reconnects the subscription and subscribes again; publishes meanwhile reach no one.
                  let after = null;
                  for (let i = 0; i < 50 && after === null; i++) {
                    r.publish('drill', 'after');
                    after = sub.expect((m) => m.text === 'after', { timeout: '100ms' });
                  }
                  check(null, {
                    'received before the kill': () => before !== null,
                    'the subscription was killed': () => killed >= 1,
                    'and receives again after reconnecting': () => after !== null,
                  });
                  check(r, { 'pause answers OK': (c) => c.pause(800, { mode: 'write' }) === 'OK' });
                  const t0 = Date.now();
                  r.set('paused', '1'); // a write: waits out the pause
                  check(null, { 'a write waited for the pause': () => Date.now() - t0 >= 600 });
                }
                """, "{ iterations: 1, summaryTrendStats: ['count', 'max'] }");
        assertTrue(m.path("redis_reconnects").path("count").asInt() >= 1, m.toPrettyString());
        assertTrue(m.path("redis_command_duration").path("max").asDouble() >= 600, "the pause shows in the write's duration: " + m.toPrettyString());
    }

    @Test
    void aStampedPublishTimesEveryWebSocketAndSocketIoFrameThatCarriesItStamp() throws Exception {
        // The target here forwards what Redis delivered to WebSockets (as a gateway bridging a channel would): VU 1
        // relays each message into a Socket.IO room broadcast the other VUs are in, reshaped; VU 1's echo socket also gets it.
        JsonNode m = runPassing("""
                import socketio from 'jload/socketio';
                import { ws } from 'jload';
                const r = redis.client(__ENV.REDIS);
                export default function () {
                  const io = socketio.connect(__ENV.TARGET_SIO);
                  io.emitWithAck('join', 'fan', { timeout: '5s' });
                  if (__VU === 1) {
                    const sub = r.subscribe('fan-in');
                    const echo = ws.connect(`${__ENV.TARGET}/ws/echo`);
                    sleep(1); // the others have joined
                    r.publish('fan-in', { n: 1 }, { stamp: true });
                    const m = sub.expect(() => true, { timeout: '5s' });
                    echo.send(JSON.stringify(m.json(), null, 2)); // pretty-printed: "_jload_stamp": "…"
                    echo.expect(() => true, { timeout: '5s' });
                    io.emit('broadcast', 'fan', { wrapped: m.json() }); // reshaped: the stamp is one level down
                    check(m, { 'the stamp is in the message': (x) => x.json()._jload_stamp !== undefined && x.json().n === 1 });
                  }
                  const got = io.expect('broadcast', () => true, { timeout: '5s' });
                  check(got, { 'relayed': (g) => g !== null });
                }
                """, "{ scenarios: { s: { executor: 'per-vu-iterations', vus: 3, iterations: 1 } }, summaryTrendStats: ['count', 'min', 'max'] }",
                "--sandbox");
        JsonNode fanout = m.path("fanout_latency");
        assertEquals(4, fanout.path("count").asInt(), "the echo and three room members: " + m.toPrettyString());
        assertTrue(fanout.path("min").asDouble() > 0 && fanout.path("max").asDouble() < 5000, fanout.toString());
    }

    @Test
    void anUnmodifiedK6RedisScriptRunsWithXk6RedisSemantics() throws Exception {
        Jload.Result r = Jload.runScript(dir, """
                import redis from 'k6/experimental/redis';
                import { Client } from 'k6/x/redis';
                import { check } from 'k6';
                export const options = { iterations: 1 };
                const client = new redis.Client(__ENV.REDIS);   // in the init code: connects on its first command
                const port = Number(__ENV.REDIS.split(':').pop());
                const byOptions = new Client({ socket: { host: '127.0.0.1', port }, database: 2 });
                export default async function () {
                  const set = await client.set('k', 'v', 0);
                  const got = await client.get('k');
                  const nil = await client.get('missing').then(() => 'resolved', (e) => e.message);
                  await client.rpush('l', 'a', 'b', 3);
                  const range = await client.lrange('l', 0, -1);
                  await client.hset('h', 'f', 1);
                  const hash = await client.hgetall('h');
                  const wrongType = await client.lpush('h', 'x').then(() => 'resolved', (e) => e.message);
                  const badValue = await client.set('k', { an: 'object' }).then(() => 'resolved', (e) => e.message);
                  const expired = await client.expire('k', 60);
                  const ttl = await client.ttl('k');
                  const counted = await client.incrBy('n', 5);
                  const other = await byOptions.exists('k');
                  const any = await client.sendCommand('STRLEN', 'k');
                  check(null, {
                    'set and get': () => set === 'OK' && got === 'v',
                    'a missing key rejects with redis: nil': () => nil === 'redis: nil',
                    'lists and hashes': () => range.join() === 'a,b,3' && hash.f === '1',
                    'a Redis error rejects with its message': () => wrongType.includes('WRONGTYPE'),
                    'an object value is refused as xk6-redis refuses it': () => badValue === 'unsupported type provided for argument at index 1, supported types are string, number, and boolean',
                    'expire and ttl': () => expired === true && ttl > 0 && ttl <= 60,
                    'incrBy': () => counted === 5,
                    'an options object picks the database': () => other === 0,
                    'sendCommand': () => any === 1,
                  });
                }
                """, "-e", "REDIS=" + redis.url(), "--summary-export", dir.resolve("summary.json").toString());
        JsonNode m = Jload.assertPassedEveryCheck(r, dir.resolve("summary.json"));
        assertEquals(9, m.path("checks").path("passes").asInt(), r.toString());
        assertEquals(1, m.path("redis_errors").path("count").asInt(), "WRONGTYPE is counted; a missing key is no error: " + m.toPrettyString());
    }

    @Test
    void groovyHasTheSameClientTyped() throws Exception {
        Jload.Result r = Jload.runScriptAs(dir, "pubsub.groovy", """
                import groovy.transform.BaseScript
                import java.time.Duration
                import jload.groovy.JloadScript
                @BaseScript JloadScript jload
                options { iterations 1 }
                def r = redis.client(env.REDIS)
                iteration {
                    def sub = r.subscribe(['g1', 'g2'], [persist: true])
                    r.publish('g2', json(n: 7))
                    def m = sub.expect({ it.channel() == 'g2' }, Duration.ofSeconds(5))
                    check(m, 'received on its channel') { it != null && parseJson(it.text()).n == 7 }
                    check(r, 'commands') { it.set('gk', 'gv') == 'OK' && it.get('gk') == 'gv' && it.command('STRLEN', 'gk') == 2L }
                    check(r, 'typed lists, hashes and sets') {
                        it.rpush('gl', 'a', 'b') == 2 && it.lrange('gl', 0, -1) == ['a', 'b'] && it.hset('gh', [f: 1, g: 2]) == 2
                            && it.hgetall('gh') == [f: '1', g: '2'] && it.sadd('gs', 'x') == 1 && it.sismember('gs', 'x')
                    }
                    sub.close()
                }
                """, "-e", "REDIS=" + redis.url(), "--summary-export", dir.resolve("summary.json").toString());
        assertEquals(0, r.exitCode(), r.toString());
        JsonNode checks = new ObjectMapper().readTree(Files.readString(dir.resolve("summary.json"))).path("metrics").path("checks");
        assertEquals(3, checks.path("passes").asInt(), r.toString());
    }

    @Test
    void aBadUrlOrARefusingServerStopsTheRunInInitWithoutThePassword() {
        Jload.Result bad = Jload.runScript(dir, """
                import redis from 'jload/redis';
                const r = redis.client('http://:hunter2@127.0.0.1:6379');
                export default function () {}
                """);
        assertEquals(107, bad.exitCode(), bad.toString());
        assertTrue(bad.stderr().contains("expected a redis:// or rediss:// URL") && !bad.stderr().contains("hunter2"), bad.stderr());
        Jload.Result refused = Jload.runScript(dir, """
                import redis from 'jload/redis';
                const r = redis.client('redis://:hunter2@127.0.0.1:1');
                export default function () {}
                """);
        assertEquals(107, refused.exitCode(), refused.toString());
        assertTrue(refused.stderr().contains("redis://***@127.0.0.1:1") && !refused.stderr().contains("hunter2"), refused.stderr());
    }
}
