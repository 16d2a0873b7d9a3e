// A chat room, in Groovy (websockets-chat.js is its twin, on k6/websockets): each VU opens several
// sockets, joins a room on each, sends a message every second and reads everyone's. Server
// timestamps give each message's fan-out delay (server send → this socket), recorded as a custom
// Trend; a message's receivedAtEpochMillis() is when its frame was read, not when the VU looked.
//
//   bin/jload run --sandbox examples/websockets-chat.groovy
import groovy.transform.BaseScript
import jload.WebSocket
import jload.groovy.JloadScript

@BaseScript JloadScript jload

final int SESSION_MS = (env.SESSION_MS ?: '4000') as int
final int SOCKETS_PER_VU = 3

def delivered = counter('chat_messages_delivered')
def fanout = trend('chat_fanout_delay', time: true)

options {
    vus 4
    iterations 8
    threshold 'checks', 'rate==1'
    threshold 'chat_fanout_delay', 'p(95)<100'
}

iteration {
    def room = "room-${vu % 2}"
    List<WebSocket> sockets = (0..<SOCKETS_PER_VU).collect { ws.connect("${env.TARGET}/ws/rooms") }
    sockets.eachWithIndex { s, i ->
        if (s.ok()) s.send(json(type: 'join', room: room))
        else console.error("vu$vu-s$i: ${s.error()}")
    }
    int rounds = SESSION_MS.intdiv(1000) - 1
    rounds.times {
        sleep 1
        sockets.eachWithIndex { s, i ->
            if (s.isOpen()) s.send(json(type: 'broadcast', room: room, data: [from: "vu$vu-s$i", text: 'hello']))
        }
    }
    sleep 1 // the last round's messages arrive
    sockets.each { s ->
        s.messages().each { m ->
            def msg = m.json()
            if (msg.type == 'joined') check(msg, 'joined the room') { it.room == room }
            if (msg.type == 'message') {
                delivered.add(1)
                fanout.add(Math.max(0, m.receivedAtEpochMillis() - msg.ts))
            }
        }
        s.close()
    }
}
