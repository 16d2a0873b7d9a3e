// The target's own metrics beside the load, in Groovy: every VU keeps a WebSocket to the echo endpoint,
// and VU 1 also reads the server's Prometheus page each iteration (targetMetrics.scrape), records what the
// server counts as a Gauge and checks that it sees our sockets. scrape.js is its twin.
//
//   bin/jload run --sandbox examples/scrape.groovy
import groovy.transform.BaseScript
import jload.WebSocket
import jload.groovy.JloadScript

@BaseScript JloadScript jload

options {
    vus 10
    duration env.DURATION ?: '10s'
    threshold 'checks', 'rate>0.99'
    threshold 'target_scrape_errors', 'count==0'
    threshold 'server_echo_connections', 'value>=1'
}

def serverSockets = gauge('server_echo_connections')
WebSocket socket = null

iteration {
    if (socket == null || !socket.isOpen()) socket = ws.connect("${env.TARGET}/ws/echo", persist: true)
    socket.send("$vu-$iteration")
    check(socket.expect(timeout: '2s') { true }, 'echo arrived') { it != null }
    if (vu == 1) {
        def page = targetMetrics.scrape("${env.TARGET_HTTP}/metrics", timeout: '2s')
        double open = page.value('sandbox_connections', [endpoint: 'echo'])
        if (page.ok()) serverSockets.add(open)
        check(page, 'the metrics page was read') { it.ok() && it.status() == 200 }
        check(open, 'the server counts our sockets') { it >= 1 }
    }
    sleep 0.5
}
