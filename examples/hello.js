// The smallest useful jload test: 5 virtual users for 5 seconds, a check, a custom Trend and
// thresholds that pass or fail the run (exit code 99 when they fail).
//
//   bin/jload run examples/hello.js
//   bin/jload run -u 20 -d 10s examples/hello.js
import { check, group, sleep } from 'k6';
import { Trend } from 'k6/metrics';

const thinkTime = new Trend('think_time', true);

export const options = {
  vus: 5,
  duration: '5s',
  thresholds: {
    checks: ['rate==1'],
    think_time: ['p(95)<300'],
    iteration_duration: ['p(99)<1000'],
  },
};

export default function () {
  group('greet', () => {
    const greeting = `hello from VU ${__VU}, iteration ${__ITER}`;
    check(greeting, { 'greeting names the VU': (g) => g.includes(`VU ${__VU}`) });
  });
  const pause = 0.1 + Math.random() * 0.15;
  thinkTime.add(pause * 1000);
  sleep(pause);
}
