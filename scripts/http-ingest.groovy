// http-ingest, in Groovy — seed 002's ingest load test. http-ingest.js is its twin: the same parameters, metrics,
// checks and pass criteria (see its header).
//
//   bin/jload run --sandbox scripts/http-ingest.groovy
//   bin/jload run --sandbox -e PRESET=stress scripts/http-ingest.groovy
import groovy.transform.BaseScript
import java.util.concurrent.ThreadLocalRandom
import jload.groovy.JloadScript

@BaseScript JloadScript jload

final Map PRESETS = [quick: [1000, 50], stress: [10000, 200], extreme: [50000, 500]]
final List preset = PRESETS[env.PRESET ?: 'quick']
if (preset == null) throw new IllegalArgumentException("-e PRESET=${env.PRESET}: expected quick, stress or extreme")
final int MESSAGES = (env.MESSAGES ?: preset[0]) as int
final int CONCURRENCY = (env.CONCURRENCY ?: preset[1]) as int
final String URL = "${env.TARGET_HTTP ?: 'http://localhost:8000'}${env.INGEST_PATH ?: '/ingest'}${env.QUERY ?: ''}"
final String P95 = env.P95 ?: '500', P99 = env.P99 ?: '1000', FAILED = env.FAILED ?: '0.01'

options {
    scenario('ingest') { executor 'shared-iterations'; vus CONCURRENCY; iterations MESSAGES; maxDuration '10m' }
    threshold 'http_req_failed', "rate<${FAILED}".toString()
    threshold 'http_req_duration{name:ingest}', "p(95)<${P95}".toString(), "p(99)<${P99}".toString()
    summaryTrendStats 'avg', 'min', 'med', 'p(95)', 'p(99)', 'max'
}

final Map PARAMS = [headers: ['Content-Type': 'application/json'], tags: [name: 'ingest']]

iteration {
    def random = ThreadLocalRandom.current()
    def message = [user_id   : random.nextInt(1, 10_001), channel_id: random.nextInt(1, 101),
                   content   : "load test message ${exec.iterationInTest()} ${Long.toString(random.nextLong(Long.MAX_VALUE), 36)}"]
    def res = http.post(URL, json(message), PARAMS)
    check(res, 'accepted') { it.status() in [200, 201, 202] }
}
