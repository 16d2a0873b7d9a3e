// A k6/ws script in the shape of k6's own examples/websocket.js: unchanged k6 code runs on jload.
// ws.connect blocks until the socket closes; handlers and socket timers run on the VU's event loop.
//
//   bin/jload run --sandbox examples/k6-ws-echo.js
import ws from 'k6/ws';
import { check } from 'k6';

export const options = {
  vus: 10,
  iterations: 20,
  thresholds: { ws_ping: ['p(95)<100'], checks: ['rate==1'] },
};

export default function () {
  const url = `${__ENV.TARGET}/ws/echo`;
  const params = { tags: { my_tag: 'hello' } };

  const res = ws.connect(url, params, function (socket) {
    socket.on('open', function open() {
      socket.send(`hello from VU ${__VU}`);
      socket.setInterval(function timeout() {
        socket.ping();
      }, 200);
    });

    socket.on('message', function (message) {
      check(message, { 'echo came back': (m) => m === `hello from VU ${__VU}` });
    });

    socket.on('pong', function () {
      // a ping round trip; jload records it as ws_ping
    });

    socket.on('close', function () {
      // the socket closed: ws.connect returns
    });

    socket.setTimeout(function () {
      socket.close();
    }, 1000);
  });

  check(res, { 'status is 101': (r) => r && r.status === 101 });
}
