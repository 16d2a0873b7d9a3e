// call-requests — seed 004's call request burst, in k6's own terms: this file runs unchanged under k6 and jload.
// Visitors arrive at CALL_RATE a second. Each joins the widget (visitor:join), is assigned an agent, "clicks Call"
// after CLICK_MS, sends call:request and waits for the answer: call:accepted, call:rejected with a reason, or
// nothing within WAIT. An accepted call is held CALL_MS, then ended (call:end). Agents are played too, so the calls
// have someone to answer them (the seed's note: without agents, most calls time out): AGENTS VUs log in
// (agent:login) for the whole test and answer each call:incoming after ANSWER_MS. They accept with probability
// ACCEPT, let it ring with probability RING_OUT (the server cancels the ring after its ring-no-answer timeout and
// marks the agent away; the agent comes back with agent:back), and reject otherwise. Use AGENTS=0 when real agents
// are logged in. Waits are socket timers, never sleep() inside a socket callback (that would block k6's event loop).
// call-requests-jload.js is the same test with jload/socketio.
//
// What it proves: under a constant arrival of call requests, the server answers 95 % of them within 5 s and few
// connections fail; the counters say how many calls were accepted, rejected (and why) and timed out.
//
// Parameters (--env KEY=value / -e) [default]:
//   SERVER_URL    ws(s)://host:port of the signalling server [ws:// of TARGET_SIO under jload --sandbox, else
//                 ws://127.0.0.1:3000]
//   ORG_ID        the organisation visitors join [test-org-load-test]
//   AGENT_ID      the agent visitors ask for, and the first played agent's id [each visitor's assigned agent;
//                 agents log in as load-agent-1, load-agent-2, …]
//   CALL_RATE     call requests a second [10]     TEST_DURATION  [2m]     MAX_VUS  [200]
//   AGENTS        agents played [5]   ACCEPT [0.8]   RING_OUT [0.02]   ANSWER_MS  agents' answer delay [1000, ±50 %]
//   CLICK_MS      assigned → Call clicked [2000, ±50 %: the seed's 1–3 s]
//   CALL_MS       an accepted call's length [7500, ±33 %: the seed's 5–10 s]
//   RING_TIMEOUT  the server's ring-no-answer timeout [SANDBOX_SIO_RING_TIMEOUT under --sandbox, else 15s]
//   WAIT          how long a visitor waits for an answer [RING_TIMEOUT + 5s]
//   JOIN_TIMEOUT  how long a visitor waits to be connected and answered its join [15s]
//
// Metrics (the seed's): calls_requested, calls_accepted, calls_rejected{reason}, calls_timed_out{reason: rna_timeout
// or no_answer}, call_request_time (request → answer), call_accept_time, call_success_rate, connection_failures;
// and visitors_unassigned{reason} (joins that got no agent, so no call).
// Pass criteria (thresholds, the seed's): call_request_time p(95) < 5000, calls_requested count > 0,
// connection_failures count < 10.
//
//   bin/jload run --sandbox scripts/call-requests.js -e CALL_RATE=5 -e TEST_DURATION=20s
//   bin/jload run --sandbox --sio-ring-timeout 3s scripts/call-requests.js -e RING_OUT=0.2 -e TEST_DURATION=30s
//   k6 run --env SERVER_URL=wss://staging.example.com --env AGENTS=0 --env AGENT_ID=test-agent scripts/call-requests.js
import ws from 'k6/ws';
import { check } from 'k6';
import exec from 'k6/execution';
import { uuidv4 } from 'https://jslib.k6.io/k6-utils/1.4.0/index.js';
import { socketIoUrl, emitFrame, speakSocketIo, DISCONNECT_FRAME } from './lib/sio-frames.js';
import { CALLS, ANSWERS, agentId as agentIdOf, callOptions, callsRequested, connectionFailures, visitorsUnassigned, countAnswer, jitter } from './lib/calls.js';

export const options = callOptions();

const URL = socketIoUrl(CALLS.SERVER.replace(/^http/, 'ws'));

// `-u N -d D` on the command line replaces the scenarios with N callers (and no agents), as in k6.
export default caller;

/** A played agent: logs in, answers every call it is rung with, comes back when marked away. */
export function agent() {
  const n = exec.scenario.iterationInTest + 1;
  const agentId = agentIdOf(n);
  const res = ws.connect(URL, {}, (socket) => {
    speakSocketIo(socket, {
      connected: () => socket.send(emitFrame('agent:login', {
        agentId, orgId: CALLS.ORG_ID, token: __ENV.AGENT_TOKEN || '', profile: { displayName: `Load Agent ${n}` },
      })),
      event: (name, data) => {
        if (name === 'call:incoming') {
          const roll = Math.random();
          if (roll < CALLS.RING_OUT) return; // let it ring out
          const answer = roll < CALLS.RING_OUT + CALLS.ACCEPT ? 'call:accept' : 'call:reject';
          socket.setTimeout(() => socket.send(emitFrame(answer, { requestId: data.request.requestId })), jitter(CALLS.ANSWER));
        } else if (name === 'agent:marked_away') {
          socket.setTimeout(() => socket.send(emitFrame('agent:back')), 1000);
        } else if (name === 'error') {
          console.warn(`agent ${agentId}: ${JSON.stringify(data)}`);
        }
      },
    });
    socket.setTimeout(() => {
      socket.send(DISCONNECT_FRAME);
      socket.close();
    }, CALLS.AGENT_HOLD);
  });
  check(res, { 'agent connected': (r) => r && r.status === 101 });
}

/** A visitor: joins, asks for a call, waits for its answer, holds an accepted call, leaves. */
export function caller() {
  let joined = false;
  let requestedAt = 0;
  let answered = false;
  let callId = null;

  const res = ws.connect(URL, {}, (socket) => {
    const leave = () => {
      socket.send(DISCONNECT_FRAME);
      socket.close();
    };
    const answer = (event, data) => {
      if (answered) return;
      answered = true;
      if (countAnswer(event, data, Date.now() - requestedAt)) {
        callId = data.callId;
        socket.setTimeout(() => {
          socket.send(emitFrame('call:end', { callId, reason: 'visitor_ended' }));
          leave();
        }, jitter(CALLS.CALL, 0.33));
      } else {
        leave();
      }
    };

    speakSocketIo(socket, {
      connected: () => socket.send(emitFrame('visitor:join', {
        visitorId: uuidv4(), orgId: CALLS.ORG_ID, pageUrl: 'https://example.com/load-test', referrer: 'https://google.com',
      })),
      connectError: () => {
        connectionFailures.add(1, { reason: 'connect_error' });
        socket.close();
      },
      event: (name, data) => {
        if (!joined) {
          if (name === 'agent:assigned') {
            joined = true;
            socket.setTimeout(() => { // the visitor reads the widget, then clicks Call
              requestedAt = Date.now();
              callsRequested.add(1);
              socket.send(emitFrame('call:request', { agentId: CALLS.AGENT_ID || data.agent.id }));
              socket.setTimeout(() => answer(null, null), CALLS.WAIT);
            }, jitter(CALLS.CLICK));
          } else if (name === 'agent:unavailable' || name === 'org:paused') {
            joined = true;
            visitorsUnassigned.add(1, { reason: (data && data.reason) || name });
            leave();
          }
        } else if (requestedAt > 0 && ANSWERS.includes(name)) {
          answer(name, data);
        }
      },
    });
    socket.setTimeout(() => {
      if (!joined) {
        connectionFailures.add(1, { reason: 'no_join_answer' });
        socket.close();
      }
    }, CALLS.JOIN_TIMEOUT);
  });

  if (!check(res, { 'WebSocket connected': (r) => r && r.status === 101 })) connectionFailures.add(1, { reason: 'upgrade' });
}
