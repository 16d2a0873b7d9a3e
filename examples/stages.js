// Ramping VUs (a closed model): the number of virtual users follows the stages; each VU loops
// through iterations as fast as the system lets it. Ramp up, hold, ramp down:
//
//   bin/jload run examples/stages.js
//   bin/jload run -e HOLD=2m examples/stages.js
//   bin/jload run -s 10s:20 -s 20s:20 -s 5s:0 examples/stages.js   # stages from the command line
import { check, sleep } from 'k6';
import { Counter } from 'k6/metrics';
import exec from 'k6/execution';

const RAMP = __ENV.RAMP || '5s';
const HOLD = __ENV.HOLD || '10s';
const busiest = new Counter('full_load_iterations');

export const options = {
  stages: [
    { duration: RAMP, target: 10 }, // 0 → 10 VUs
    { duration: HOLD, target: 10 }, // hold 10 VUs
    { duration: RAMP, target: 0 },  // 10 → 0 VUs; a VU above the target finishes its iteration first
  ],
  thresholds: {
    iteration_duration: ['p(95)<500'],
    checks: ['rate>0.99'],
  },
};

export default function () {
  // Stand-in for the work a real scenario does against its target.
  const work = 50 + Math.random() * 100;
  sleep(work / 1000);
  check(work, { 'work under 200 ms': (w) => w < 200 });
  if (exec.instance.vusActive >= 10) busiest.add(1);
}
