// An open model, in Groovy: iterations start at a fixed rate, whatever the target does. When every
// VU is busy, jload starts another (up to maxVUs) or counts the iteration in dropped_iterations.
// arrival-rate.js is its twin; see it for what the two iteration_duration metrics mean.
//
//   bin/jload run examples/arrival-rate.groovy
//   bin/jload run -e RATE=200 -e DURATION=1m examples/arrival-rate.groovy
import groovy.transform.BaseScript
import jload.groovy.JloadScript

@BaseScript JloadScript jload

final int RATE = (env.RATE ?: '50') as int
final String DURATION = env.DURATION ?: '10s'

options {
    scenario('steady') {
        executor 'constant-arrival-rate'
        rate RATE                // iterations started per timeUnit
        timeUnit '1s'
        duration DURATION
        preAllocatedVUs 5
        maxVUs 50
    }
    scenario('spike') {
        executor 'ramping-arrival-rate'
        startTime DURATION       // after the steady part
        startRate RATE
        timeUnit '1s'
        preAllocatedVUs 10
        maxVUs 100
        stage '3s', RATE * 4     // ramp to 4× the rate
        stage '3s', RATE         // and back
    }
    threshold 'iteration_duration_from_intended{scenario:steady}', 'p(99)<250'
    threshold 'dropped_iterations', 'count<10'
}

iteration {
    // A service that usually answers in ~20 ms and now and then takes 150 ms.
    sleep(Math.random() < 0.05 ? 0.15 : 0.02)
}
