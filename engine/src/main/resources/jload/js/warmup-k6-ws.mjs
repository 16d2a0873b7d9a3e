// jload's own warm-up, before the test (never the user's script): a VU's first calls from JavaScript into k6/ws —
// connect, handlers, send, messages, timers, close — and k6's check, against an echo, with metrics that go nowhere.
import { check } from 'k6';
import ws from 'k6/ws';

// `echo`: jload's warm-up echo (never the script's __ENV.TARGET).
export default function ({ echo }) {
  const res = ws.connect(echo, { headers: { Origin: 'http://localhost' } }, function (socket) {
    let n = 0;
    socket.on('open', () => socket.send(JSON.stringify({ type: 'ping', n })));
    socket.on('message', (data) => {
      check(data, { 'echoed': (m) => JSON.parse(m).n === n });
      n++;
      if (n < 5) socket.send(JSON.stringify({ type: 'ping', n }));
      else socket.close();
    });
    socket.setTimeout(() => socket.close(), 2000);
  });
  check(res, { 'switched (101)': (r) => r && r.status === 101 });
}
