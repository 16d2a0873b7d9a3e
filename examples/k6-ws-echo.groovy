// The story of k6's examples/websocket.js (k6-ws-echo.js is that script, unchanged k6 code), in
// Groovy with jload's synchronous API: connect, say hello, ping every 200 ms for a second, check
// the echo, close. Same metrics as the k6/ws version: ws_sessions, ws_connecting, ws_ping,
// ws_msgs_*, ws_session_duration. (k6/ws's callback API is for running k6 scripts unchanged; a
// Groovy VU is a virtual thread and simply waits.)
//
//   bin/jload run --sandbox examples/k6-ws-echo.groovy
import groovy.transform.BaseScript
import jload.groovy.JloadScript

@BaseScript JloadScript jload

options {
    vus 10
    iterations 20
    threshold 'ws_ping', 'p(95)<100'
    threshold 'checks', 'rate==1'
}

iteration {
    def socket = ws.connect("${env.TARGET}/ws/echo", tags: [my_tag: 'hello'])
    check(socket, 'status is 101') { it.status() == 101 }
    if (!socket.ok()) return

    def hello = "hello from VU $vu"
    socket.send(hello)
    5.times {
        sleep 0.2
        socket.ping() // a ping round trip, recorded as ws_ping; messages arriving meanwhile are kept
    }
    socket.messages().each { message ->
        check(message.text(), 'echo came back') { it == hello }
    }
    socket.close()
}
