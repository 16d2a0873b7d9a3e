// jload's own warm-up, before the test (never the user's script): a VU's first calls from JavaScript into
// jload/ws — connect, send, expect — and k6's check, against an echo, with metrics that go nowhere.
import { check } from 'k6';
import { ws } from 'jload';

// `echo`: jload's warm-up echo (never the script's __ENV.TARGET).
export default function ({ echo }) {
  const socket = ws.connect(echo, { headers: { Origin: 'http://localhost' }, tags: { name: 'warm-up' } });
  check(socket, { 'connected': (s) => s.ok && s.status === 101 });
  if (!socket.ok) return;
  for (let i = 0; i < 5; i++) {
    const id = `${__VU}-${i}`;
    socket.send(JSON.stringify({ type: 'ping', id, sentAt: Date.now() }));
    const reply = socket.expect((m) => m.json().id === id, { timeout: '1s' });
    check(reply, { 'echoed': (m) => m !== null });
  }
  socket.close();
}
