// The jload side of bench/ws/wire.sh: every message carries its own id, and each VU tags its samples
// with its number (exec.vu.tags.vu), so the k-th ws_rtt sample of VU v in `--out json` is message
// v.(k / MSGS).(k % MSGS), joined by wire.sh to that message's request and reply frames in a loopback
// capture. (A tag per message would give every message its own series: thousands of histograms whose
// allocation would then be measured as jload's latency.)
//
//   bin/jload run --out json=out.json -e TARGET=ws://127.0.0.1:PORT bench/ws/wire.js
//
// VUS VUs each open CONNS connections one after the other (one per iteration: the later ones are
// the reconnect wave), and on each send MSGS text messages of ~100 bytes ("m VU.ITER.SEQ xxx…"),
// one at a time: send, expect its echo, sleep INTERVAL_MS. VUs start spread over RAMP_S seconds.
import ws from 'jload/ws';
import exec from 'k6/execution';
import { sleep } from 'k6';

const VUS = Number(__ENV.VUS || 100);
const CONNS = Number(__ENV.CONNS || 2);
const MSGS = Number(__ENV.MSGS || 30);
const INTERVAL_S = Number(__ENV.INTERVAL_MS || 200) / 1000;
const RAMP_S = Number(__ENV.RAMP_S || 5);
const PAD = 'x'.repeat(80);

export const options = {
  scenarios: {
    wire: { executor: 'per-vu-iterations', vus: VUS, iterations: CONNS, maxDuration: '10m' },
  },
};

export default function () {
  const vu = exec.vu.idInTest;
  const iteration = exec.vu.iterationInScenario;
  if (iteration === 0) {
    exec.vu.tags.vu = String(vu);
    sleep(((vu - 1) / VUS) * RAMP_S);
  }
  const socket = ws.connect(`${__ENV.TARGET}/ws/echo`);
  for (let seq = 0; seq < MSGS; seq++) {
    const id = `${vu}.${iteration}.${seq}`;
    const text = `m ${id} ${PAD}`;
    socket.send(text);
    socket.expect((m) => m.text === text, { timeout: '5s' });
    sleep(INTERVAL_S);
  }
  socket.close();
}
