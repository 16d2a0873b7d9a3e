// Log in over HTTP, take the token from the response, open the WebSocket with it — in Groovy, with
// jload's synchronous clients. login-then-socket.js is the same story as unchanged k6 code.
//
//   bin/jload run --sandbox examples/login-then-socket.groovy
import groovy.transform.BaseScript
import jload.groovy.JloadScript

@BaseScript JloadScript jload

options {
    vus 5
    duration env.DURATION ?: '10s'
    threshold 'http_req_failed', 'rate<0.01'
    threshold 'http_req_duration{name:login}', 'p(95)<200'
    threshold 'checks', 'rate>0.99'
}

iteration {
    def login = http.post("${env.TARGET_HTTP}/login", json(user: "user-$vu"),
            [headers: ['Content-Type': 'application/json'], tags: [name: 'login']])
    if (!check(login, 'logged in') { it.status() == 200 && parseJson(it.body()).token instanceof String }) return

    def socket = ws.connect("${env.TARGET}/ws/presence?token=${parseJson(login.body()).token}")
    check(socket, 'upgraded with the token') { it.status() == 101 }
    if (!socket.ok()) return
    socket.send(json(type: 'ping'))
    def pong = null
    for (int waited = 0; pong == null && waited < 2000; waited += 10) {
        pong = socket.messages().find { parseJson(it.text()).type == 'pong' }
        if (pong == null) sleep 0.01
    }
    if (pong != null) check(pong, 'pong with the token') { true }
    socket.close()
}
