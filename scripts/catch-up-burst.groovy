// catch-up-burst, in Groovy — seed 001's catch-up burst. catch-up-burst.js is its twin: the same parameters,
// metrics, checks and pass criteria (see its header).
//
//   bin/jload run --sandbox scripts/catch-up-burst.groovy
import groovy.transform.BaseScript
import java.time.Duration
import jload.groovy.JloadScript

@BaseScript JloadScript jload

final int EVENTS = (env.EVENTS ?: '50') as int
final String ROOM = env.ROOM ?: 'catch-up-job'
final long REPLAY_WITHIN_MS = duration(env.REPLAY_WITHIN ?: '1s').toMillis()
final String FAILED = env.FAILED ?: '0.01'

options {
    scenario('replay') { executor 'per-vu-iterations'; vus((env.VUS ?: '10') as int); iterations((env.ITERATIONS ?: '3') as int) }
    threshold 'catchup_replay_duration', "p(95)<${REPLAY_WITHIN_MS}".toString()
    threshold 'catchup_failed', "rate<${FAILED}".toString()
}

def replayDuration = trend('catchup_replay_duration', time: true)
def failed = rate('catchup_failed')
def events = mongo.client(env.MONGO_URL ?: 'mongodb://127.0.0.1:27017')
        .collection(env.CATCHUP_DATABASE ?: 'jload_sandbox', env.CATCHUP_COLLECTION ?: 'catchup_events')
def fiveSeconds = Duration.ofSeconds(5)

setup {
    events.deleteMany(json(room: ROOM))
    long seeded = events.insertMany((1..EVENTS).collect { json(room: ROOM, seq: it, data: [n: it]) }, 1000)
    check(seeded, 'seeded the history') { it == EVENTS }
    null
}

iteration {
    def io = socketio.connect(env.TARGET_SIO)
    if (!check(io, 'connected') { it.ok() }) {
        failed.add(true)
        return
    }
    List replayed = []
    io.on('catch-up') { args -> replayed << parseJson(args)[0].seq; null }
    long joinedAt = System.currentTimeMillis()
    def joined = io.emitWithAck('join', json([ROOM, [since: 0]]), fiveSeconds)
    def complete = io.expect('catch-up-complete', { parseJson(it)[0].room == ROOM }, fiveSeconds)
    double tookMs = complete == null ? Double.NaN : io.receivedAtEpochMillis() - joinedAt
    if (complete != null) replayDuration.add(tookMs)
    if (tookMs > REPLAY_WITHIN_MS) console.error("a replay of ${EVENTS} events took ${Math.round(tookMs)} ms; expected under ${REPLAY_WITHIN_MS} ms")
    boolean ok = check(null, 'the join was acked with the replay size') { joined != null && parseJson(joined)[0].replay == EVENTS }
    ok &= check(null, 'every missed event was replayed, in order') { replayed == (1..EVENTS).toList() }
    ok &= check(null, 'the replay said it was complete') { complete != null && parseJson(complete)[0].count == EVENTS }
    ok &= check(null, 'the replay completed in time') { tookMs <= REPLAY_WITHIN_MS }
    failed.add(!ok)
    io.close()
}
