// An open model: iterations start at a fixed rate, whatever the target does — how real users
// arrive. When every VU is busy, jload starts another (up to maxVUs) or counts the iteration in
// dropped_iterations. Each iteration is timed twice: iteration_duration from when it really
// started, and iteration_duration_from_intended from when it was due, which includes any wait
// for a free VU (coordinated omission: a slow target cannot hide behind the tester's backlog).
//
//   bin/jload run examples/arrival-rate.js
//   bin/jload run -e RATE=200 -e DURATION=1m examples/arrival-rate.js
import { sleep } from 'k6';

const RATE = Number(__ENV.RATE || 50);
const DURATION = __ENV.DURATION || '10s';

export const options = {
  scenarios: {
    steady: {
      executor: 'constant-arrival-rate',
      rate: RATE,            // iterations started per timeUnit
      timeUnit: '1s',
      duration: DURATION,
      preAllocatedVUs: 5,
      maxVUs: 50,
    },
    spike: {
      executor: 'ramping-arrival-rate',
      startTime: DURATION,   // after the steady part
      startRate: RATE,
      timeUnit: '1s',
      preAllocatedVUs: 10,
      maxVUs: 100,
      stages: [
        { duration: '3s', target: RATE * 4 }, // ramp to 4× the rate
        { duration: '3s', target: RATE },     // and back
      ],
    },
  },
  thresholds: {
    'iteration_duration_from_intended{scenario:steady}': ['p(99)<250'],
    dropped_iterations: ['count<10'],
  },
};

export default function () {
  // A service that usually answers in ~20 ms and now and then takes 150 ms.
  sleep(Math.random() < 0.05 ? 0.15 : 0.02);
}
