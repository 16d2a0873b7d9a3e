// broadcast-burst, in Groovy — seed 001's broadcast burst, with an optional Redis outage. broadcast-burst.js is its
// twin: the same parameters, metrics, checks and pass criteria (see its header).
//
//   bin/jload run --sandbox scripts/broadcast-burst.groovy
//   bin/jload run --sandbox -e OUTAGE_AT=50 -e OUTAGE_MS=1500 -e DROPPED_MAX=20000 scripts/broadcast-burst.groovy
import groovy.transform.BaseScript
import java.time.Duration
import jload.groovy.JloadScript

@BaseScript JloadScript jload

final int SUBSCRIBERS = (env.SUBSCRIBERS ?: '200') as int
final int EVENTS = (env.EVENTS ?: '100') as int
final int EVERY_MS = (env.EVERY_MS ?: '10') as int
final int WARMUP_EVENTS = (env.WARMUP_EVENTS ?: '0') as int
final int ALL = WARMUP_EVENTS + EVENTS // numbered 1..ALL; the warm-up ones first
final String CHANNEL = env.REDIS_CHANNEL ?: 'jload.sandbox.rooms'
final String ROOM = env.ROOM ?: 'burst'
final String P95 = env.P95 ?: '500'
final int DROPPED_MAX = (env.DROPPED_MAX ?: '0') as int
final int OUTAGE_AT = (env.OUTAGE_AT ?: '0') as int
final int OUTAGE_MS = (env.OUTAGE_MS ?: '1000') as int
final String OUTAGE_KIND = env.OUTAGE_KIND ?: 'restart'
if (!(OUTAGE_KIND in ['restart', 'pause', 'kill'])) throw new IllegalArgumentException("-e OUTAGE_KIND=${OUTAGE_KIND}: expected restart, pause or kill")
final List<String> TARGETS = (env.TARGET_SIO ?: 'http://127.0.0.1:3000').split(',')*.trim().findAll { it }
final String JOINED = "${ROOM}:joined" // how many sockets are in the room: the publisher waits for all of them

options {
    scenario('subscribers') { executor 'per-vu-iterations'; vus SUBSCRIBERS; iterations 1; exec 'subscribe'; maxDuration '3m' }
    scenario('publisher') { executor 'per-vu-iterations'; vus 1; iterations 1; exec 'publish'; maxDuration '3m' }
    threshold 'fanout_latency', "p(95)<${P95}".toString()
    threshold 'fanout_dropped', "count<=${DROPPED_MAX}".toString()
    threshold 'checks', 'rate>0.99'
}

def dropped = counter('fanout_dropped')
def unheard = counter('fanout_unheard') // publishes no subscriber of the channel heard (the gateway away)
def r = redis.client(env.REDIS_URL ?: 'redis://127.0.0.1:6379')
def fiveSeconds = Duration.ofSeconds(5)

setup {
    r.del(JOINED)
    null
}

iteration('subscribe') {
    def io = socketio.connect(TARGETS[(vu - 1) % TARGETS.size()])
    if (!check(io, 'connected') { it.ok() }) {
        dropped.add(EVENTS)
        return
    }
    check(io.emitWithAck('join', json([ROOM]), fiveSeconds), 'joined the room') { it != null && parseJson(it)[0].room == ROOM }
    r.incr(JOINED)
    Set seen = []
    def patience = OUTAGE_AT > 0 ? Duration.ofMillis(OUTAGE_MS + 10_000) : fiveSeconds
    while (seen.size() < ALL) {
        def args = io.expect('broadcast', { parseJson(it)[0].room == ROOM }, patience)
        if (args == null) break // the rest are not coming
        seen << parseJson(args)[0].data.n // the gateway's {room, from, data: <what was published>, ts}
    }
    dropped.add(((WARMUP_EVENTS + 1)..ALL).count { !seen.contains(it) })
    if (OUTAGE_AT == 0) check(seen, 'every event arrived') { it.size() == ALL }
    io.close()
}

// A publish that failed (Redis away) is retried until Redis takes it: the test is about what the gateway loses.
def publishUntilTaken = { int n ->
    long until = System.currentTimeMillis() + OUTAGE_MS + 15_000
    String message = json(room: ROOM, event: 'broadcast', n: n)
    long receivers = r.publish(CHANNEL, message, [stamp: n > WARMUP_EVENTS])
    while (receivers < 0 && System.currentTimeMillis() < until) {
        sleep 0.05
        receivers = r.publish(CHANNEL, message, [stamp: n > WARMUP_EVENTS])
    }
    receivers
}

iteration('publish') {
    long deadline = System.currentTimeMillis() + 30_000
    while (((r.get(JOINED) ?: '0') as int) < SUBSCRIBERS && System.currentTimeMillis() < deadline) sleep 0.05
    check(r, 'every subscriber joined before the burst') { ((it.get(JOINED) ?: '0') as int) == SUBSCRIBERS }
    for (int n = 1; n <= ALL; n++) {
        if (OUTAGE_AT > 0 && n == WARMUP_EVENTS + OUTAGE_AT) {
            if (OUTAGE_KIND == 'restart') r.outage(OUTAGE_MS)
            else if (OUTAGE_KIND == 'pause') r.pause(OUTAGE_MS, 'all')
            else r.killClients(null)
        }
        long receivers = publishUntilTaken(n)
        if (receivers == 0) unheard.add(1)
        check(receivers, 'Redis took every publish') { it >= 0 }
        sleep EVERY_MS / 1000.0
    }
}
