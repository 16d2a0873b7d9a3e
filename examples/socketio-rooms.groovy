// Socket.IO rooms with jload's synchronous client, in Groovy: each VU joins a room (acked), then
// broadcasts to it and waits for its own broadcast to come back through the server.
// sio_ack_duration and sio_rtt are judged. socketio-rooms.js is its twin; event arguments are
// JSON arrays' text here (json(...) writes one, parseJson reads one).
//
//   bin/jload run --sandbox examples/socketio-rooms.groovy
import groovy.transform.BaseScript
import java.time.Duration
import jload.SocketIo
import jload.groovy.JloadScript

@BaseScript JloadScript jload

options {
    vus 20
    duration env.DURATION ?: '10s'
    threshold 'sio_ack_duration', 'p(95)<50'
    threshold 'sio_rtt', 'p(95)<100'
    threshold 'checks', 'rate>0.99'
    threshold 'sio_errors', 'count==0'
}

SocketIo io = null // one connection per VU, kept across iterations
String room = "room-${vu % 5}"
int seq = 0
Duration twoSeconds = Duration.ofSeconds(2)

iteration {
    if (io == null || !io.isConnected()) {
        io = socketio.connect(env.TARGET_SIO, headers: [Origin: 'http://localhost'], persist: true)
        check(io, 'connected') { it.ok() }
        if (!io.ok()) return
        def joined = io.emitWithAck('join', json([room]), twoSeconds)
        check(joined, 'joined the room') { it != null && parseJson(it)[0].room == room }
    }
    seq++
    def delivered = io.emitWithAck('broadcast', json([room, [seq: seq]]), twoSeconds)
    check(delivered, 'broadcast acked') { it != null && parseJson(it)[0].delivered >= 1 }
    def mine = io.expect('broadcast', { args -> def m = parseJson(args)[0]; m.from == io.id() && m.data.seq == seq }, twoSeconds)
    check(mine, 'own broadcast came back') { it != null }
    sleep 0.1
}
