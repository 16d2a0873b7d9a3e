// The fault drill's jload/ws VU: connect, one echo round trip, close; one iteration a second.
// A dead target makes connects fail (refused), a killed one drops open sockets (abnormal_close).
import { sleep, check } from 'k6';
import { ws } from 'jload';

export const options = { vus: Number(__ENV.VUS || 200), duration: __ENV.DURATION || '40s' };

export default function () {
  const s = ws.connect(`${__ENV.TARGET}/ws/echo`, { timeout: '2s' });
  if (s.ok) {
    s.send(`m${__ITER}`);
    check(s.expect((m) => m.text === `m${__ITER}`, { timeout: '2s' }), { echoed: (m) => m !== null });
    s.close();
  }
  sleep(1);
}
