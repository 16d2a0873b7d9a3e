// The smallest useful jload test, in Groovy: 5 virtual users for 5 seconds, a check, a custom Trend
// and thresholds that pass or fail the run (exit code 99 when they fail). hello.js is its twin.
//
//   bin/jload run examples/hello.groovy
//   bin/jload run -u 20 -d 10s examples/hello.groovy
import groovy.transform.BaseScript
import jload.groovy.JloadScript

@BaseScript JloadScript jload // for the IDE's completion: jload uses this base class anyway

def thinkTime = trend('think_time', time: true)

options {
    vus 5
    duration '5s'
    threshold 'checks', 'rate==1'
    threshold 'think_time', 'p(95)<300'
    threshold 'iteration_duration', 'p(99)<1000'
}

iteration {
    group('greet') {
        def greeting = "hello from VU $vu, iteration $iteration"
        check(greeting, 'greeting names the VU') { it.contains("VU $vu") }
    }
    def pause = 0.1 + Math.random() * 0.15
    thinkTime.add(pause * 1000)
    sleep pause
}
