// Ramping VUs (a closed model), in Groovy: the number of virtual users follows the stages; each VU
// loops through iterations as fast as the system lets it. stages.js is its twin.
//
//   bin/jload run examples/stages.groovy
//   bin/jload run -e HOLD=2m examples/stages.groovy
import groovy.transform.BaseScript
import jload.groovy.JloadScript

@BaseScript JloadScript jload

def ramp = env.RAMP ?: '5s'
def hold = env.HOLD ?: '10s'
def busiest = counter('full_load_iterations')

options {
    stage ramp, 10 // 0 → 10 VUs
    stage hold, 10 // hold 10 VUs
    stage ramp, 0  // 10 → 0 VUs; a VU above the target finishes its iteration first
    threshold 'iteration_duration', 'p(95)<500'
    threshold 'checks', 'rate>0.99'
}

iteration {
    // Stand-in for the work a real scenario does against its target.
    def work = 50 + Math.random() * 100
    sleep work / 1000
    check(work, 'work under 200 ms') { it < 200 }
    if (exec.vusActive() >= 10) busiest.add(1)
}
