// seed 004's widget visitor flow: its parameters, options and metrics, and what visitors send and hear — shared by
// widget-flow.js (k6/ws) and widget-flow-jload.js (jload/socketio). Plain JavaScript: k6 imports it too.
import { Counter, Rate, Trend } from 'k6/metrics';
import { str, int, num, duration, seconds } from './params.js';

/** The parameters (widget-flow.js's header lists them); times in ms. SERVER is http(s)://, each twin takes its scheme. */
export const WIDGET = (() => {
  const p = {
    SERVER: str('SERVER_URL', __ENV.TARGET_SIO || 'http://127.0.0.1:3000').replace(/^ws/, 'http'),
    ORG_ID: str('ORG_ID', 'test-org-load-test'),
    VISITORS: int('VISITORS', 200, 1),
    RAMP_UP: duration('RAMP_UP', '2m'),
    STEADY: duration('STEADY', '5m'),
    RAMP_DOWN: duration('RAMP_DOWN', '1m'),
    SESSION_MIN: duration('SESSION_MIN', '60s'),
    SESSION_MAX: duration('SESSION_MAX', '180s'),
    INTERACT: num('INTERACT', 0.3),
    AGENTS: int('AGENTS', 4),
    MAX_VISITORS: int('MAX_VISITORS', 25, 1),
    JOIN_TIMEOUT: 10000,
  };
  // Agents stay until the ramp has ended and its last visitors have left: their stay, or k6's gracefulRampDown (30 s).
  p.AGENT_HOLD = p.RAMP_UP + p.STEADY + p.RAMP_DOWN + Math.min(30000, p.SESSION_MAX + 1000);
  return Object.freeze(p);
})();

/** Visitors ramping up to VISITORS ('visitor'), AGENTS agents logged in first ('agent'); the seed's thresholds. */
export function widgetOptions() {
  const scenarios = {
    visitors: {
      executor: 'ramping-vus', exec: 'visitor', startTime: WIDGET.AGENTS > 0 ? '2s' : '0s', // agents log in first
      stages: [
        { duration: seconds(WIDGET.RAMP_UP), target: WIDGET.VISITORS },
        { duration: seconds(WIDGET.STEADY), target: WIDGET.VISITORS },
        { duration: seconds(WIDGET.RAMP_DOWN), target: 0 },
      ],
    },
  };
  if (WIDGET.AGENTS > 0) {
    scenarios.agents = { executor: 'per-vu-iterations', exec: 'agent', vus: WIDGET.AGENTS, iterations: 1, maxDuration: seconds(WIDGET.AGENT_HOLD + 15000) };
  }
  return {
    scenarios,
    thresholds: {
      ws_connection_time: ['p(95)<3000'],
      widget_join_time: ['p(95)<1000'],
      connection_failures: ['count<20'],
      join_success_rate: ['rate>0.90'],
    },
  };
}

/** The seed's metrics. */
export const connectionTime = new Trend('ws_connection_time', true);
export const joinTime = new Trend('widget_join_time', true);
export const agentAssignedCount = new Counter('agent_assigned_count');
export const agentUnavailableCount = new Counter('agent_unavailable_count');
export const connectionFailures = new Counter('connection_failures');
export const joinSuccessRate = new Rate('join_success_rate');

/** What the n-th played agent (from 1) sends to log in. */
export function agentLogin(n) {
  return { agentId: `load-agent-${n}`, orgId: WIDGET.ORG_ID, maxSimultaneousSimulations: WIDGET.MAX_VISITORS, profile: { displayName: `Load Agent ${n}` } };
}

/** The pages and referrers visitors arrive with (the seed's). */
export const SAMPLE_PAGES = [
  'https://example.com/', 'https://example.com/pricing', 'https://example.com/features', 'https://example.com/about',
  'https://example.com/contact', 'https://example.com/blog', 'https://example.com/demo', 'https://example.com/signup',
  'https://example.com/products/widget', 'https://example.com/solutions/enterprise',
];
export const SAMPLE_REFERRERS = ['https://google.com', 'https://bing.com', 'https://twitter.com', 'https://linkedin.com',
  'https://facebook.com', '', 'direct'];

/** The events that answer a visitor:join (org:paused: the organisation is paused, the widget shows it is away). */
export const JOIN_ANSWERS = ['agent:assigned', 'agent:unavailable', 'org:paused'];
