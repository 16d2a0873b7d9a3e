// Seed 001's catch-up burst, in Groovy: setup seeds EVENTS events for a room in MongoDB; every VU then
// joins with {since: 0} and times the replay, from its join to the server's 'catch-up-complete'.
// catch-up-replay.js is its twin.
//
//   bin/jload run --sandbox examples/catch-up-replay.groovy
import groovy.transform.BaseScript
import java.time.Duration
import jload.groovy.JloadScript

@BaseScript JloadScript jload

final int EVENTS = (env.EVENTS ?: '50') as int
final String ROOM = env.ROOM ?: 'catch-up-job'

options {
    scenario('replay') { executor 'per-vu-iterations'; vus((env.VUS ?: '10') as int); iterations((env.ITERATIONS ?: '3') as int) }
    threshold 'catchup_replay_duration', 'p(95)<1000'
    threshold 'catchup_failed', 'rate<0.01'
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
    if (complete != null) replayDuration.add(io.receivedAtEpochMillis() - joinedAt)
    boolean ok = check(null, 'the join was acked with the replay size') { joined != null && parseJson(joined)[0].replay == EVENTS }
    ok &= check(null, 'every missed event was replayed, in order') { replayed == (1..EVENTS).toList() }
    ok &= check(null, 'the replay said it was complete') { complete != null && parseJson(complete)[0].count == EVENTS }
    failed.add(!ok)
    io.close()
}
