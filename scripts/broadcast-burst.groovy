// Seed 001's broadcast burst, in Groovy: SUBSCRIBERS Socket.IO sockets join one room; EVENTS events
// are then published on a Redis channel that the server relays to the room. Each publish is stamped,
// so every socket's receipt records fanout_latency (Redis publish → the frame read). Events a socket
// never got are counted in fanout_dropped. -e WARMUP_EVENTS=N publishes N events without a stamp first,
// keeping jload's own JIT warm-up out of fanout_latency. broadcast-fanout.js is its twin.
//
//   bin/jload run --sandbox examples/broadcast-fanout.groovy
import groovy.transform.BaseScript
import java.time.Duration
import jload.groovy.JloadScript

@BaseScript JloadScript jload

final int SUBSCRIBERS = (env.SUBSCRIBERS ?: '50') as int
final int EVENTS = (env.EVENTS ?: '100') as int
final int EVERY_MS = (env.EVERY_MS ?: '10') as int
final int WARMUP_EVENTS = (env.WARMUP_EVENTS ?: '0') as int
final int ALL = WARMUP_EVENTS + EVENTS // numbered 1..ALL; the warm-up ones first
final String CHANNEL = env.REDIS_CHANNEL ?: 'jload.sandbox.rooms'
final String ROOM = env.ROOM ?: 'burst'
final String JOINED = "${ROOM}:joined" // how many sockets are in the room: the publisher waits for all of them

options {
    scenario('subscribers') { executor 'per-vu-iterations'; vus SUBSCRIBERS; iterations 1; exec 'subscribe'; maxDuration '2m' }
    scenario('publisher') { executor 'per-vu-iterations'; vus 1; iterations 1; exec 'publish'; maxDuration '2m' }
    threshold 'fanout_latency', 'p(95)<500'
    threshold 'fanout_dropped', 'count==0'
    threshold 'checks', 'rate>0.99'
}

def dropped = counter('fanout_dropped')
def r = redis.client(env.REDIS_URL ?: 'redis://127.0.0.1:6379')
def fiveSeconds = Duration.ofSeconds(5)

setup {
    r.del(JOINED)
    null
}

iteration('subscribe') {
    def io = socketio.connect(env.TARGET_SIO)
    if (!check(io, 'connected') { it.ok() }) {
        dropped.add(EVENTS)
        return
    }
    check(io.emitWithAck('join', json([ROOM]), fiveSeconds), 'joined the room') { it != null && parseJson(it)[0].room == ROOM }
    r.incr(JOINED)
    Set seen = []
    while (seen.size() < ALL) {
        def args = io.expect('broadcast', { parseJson(it)[0].room == ROOM }, fiveSeconds)
        if (args == null) break // the rest are not coming
        seen << parseJson(args)[0].data.n // the server's {room, from, data: <what was published>, ts}
    }
    dropped.add(((WARMUP_EVENTS + 1)..ALL).count { !seen.contains(it) })
    check(seen, 'every event arrived') { it.size() == ALL }
    io.close()
}

iteration('publish') {
    long deadline = System.currentTimeMillis() + 30_000
    while (((r.get(JOINED) ?: '0') as int) < SUBSCRIBERS && System.currentTimeMillis() < deadline) sleep 0.05
    check(r, 'every subscriber joined before the burst') { ((it.get(JOINED) ?: '0') as int) == SUBSCRIBERS }
    for (int n = 1; n <= ALL; n++) {
        long receivers = r.publish(CHANNEL, json(room: ROOM, event: 'broadcast', n: n), [stamp: n > WARMUP_EVENTS])
        check(receivers, 'the server is subscribed to the channel') { it >= 1 }
        sleep EVERY_MS / 1000.0
    }
}
