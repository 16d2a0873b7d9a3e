// WebSocket round trips with jload's synchronous API, in Groovy: each VU keeps one socket open
// across iterations, sends a message and waits for its echo. ws_rtt (send → matching reply) is
// judged. ws-echo.js is its twin.
//
//   bin/jload run --sandbox examples/ws-echo.groovy
//   bin/jload run -e TARGET=ws://127.0.0.1:8080 examples/ws-echo.groovy
import groovy.transform.BaseScript
import jload.WebSocket
import jload.groovy.JloadScript

@BaseScript JloadScript jload

options {
    vus 20
    duration env.DURATION ?: '10s'
    threshold 'ws_rtt', 'p(95)<50', 'p(99)<100'
    threshold 'checks', 'rate>0.99'
    threshold 'ws_errors', 'count==0'
}

WebSocket socket = null // top-level state lives for the VU's lifetime: one socket per VU, kept (persist) and reused

iteration {
    if (socket == null || !socket.isOpen()) {
        socket = ws.connect("${env.TARGET}/ws/echo", headers: [Origin: 'http://localhost'], tags: [name: 'echo'], persist: true)
        check(socket, 'connected (101)') { it.ok() && it.status() == 101 }
        if (!socket.ok()) return
    }
    def id = "$vu-$iteration"
    socket.send(json(type: 'ping', id: id, sentAt: System.currentTimeMillis()))
    def reply = socket.expect(timeout: '2s') { it.json().id == id }
    check(reply, 'echo arrived') { it != null }
    sleep 0.1
}
