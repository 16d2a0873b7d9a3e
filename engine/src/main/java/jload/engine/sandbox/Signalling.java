package jload.engine.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Seed 004's signalling server, as much of it as its load tests drive, modelled on the events of the server the seed
 * tested (a website widget whose visitors are greeted by live agents, who take video calls). Widget visitors join an
 * organisation and are assigned an agent or told none is available; agents log in, are rung with call requests,
 * accept or reject them, and are marked away when they let one ring out. Events, in any namespace:
 * <ul>
 * <li>{@code agent:login {agentId, orgId?, profile: {displayName}, maxSimultaneousSimulations?}} → {@code login:success
 *     {agentState}}; the agent is available ({@code idle}) at once, and waiting visitors of its organisation are
 *     assigned to it. The token is not checked. An agent without {@code orgId} serves every organisation.</li>
 * <li>{@code agent:away}, {@code agent:back} → the agent's status ({@code away} / {@code idle}), acked with it.</li>
 * <li>{@code visitor:join {orgId, pageUrl, visitorId?}} → {@code agent:assigned {agent: {id, displayName}, visitorId}}
 *     (the least-loaded agent of the organisation that is not away or in a call and is shown to fewer than its
 *     {@code maxSimultaneousSimulations} visitors, 25 by default) or {@code agent:unavailable {visitorId, reason}}.</li>
 * <li>{@code visitor:interaction} → counted.</li>
 * <li>{@code call:request {agentId}} (a visitor) → rings the named agent if it is idle, else another idle agent of
 *     the visitor's organisation: {@code call:incoming {request: {requestId, visitorId, agentId, orgId, pageUrl,
 *     requestedAt}, visitor}} to the agent; acked with {@code {requestId}}. No idle agent: {@code call:rejected
 *     {requestId, reason: "agents_busy"}}. Not joined: {@code error {code: "VISITOR_NOT_FOUND"}}.</li>
 * <li>{@code call:accept {requestId}} (the rung agent) → {@code call:accepted {callId, agentId, requestId}} to the
 *     visitor, {@code call:started {call}} to the agent, who is then {@code in_call}.</li>
 * <li>{@code call:reject {requestId}} → {@code call:rejected {requestId, reason: "rejected"}} to the visitor.</li>
 * <li>No answer within the ring timeout (ring-no-answer, 15 s as the seed's server) → {@code call:cancelled} and
 *     {@code agent:marked_away} to the agent, now {@code away} until {@code agent:back}; {@code call:rejected
 *     {requestId, reason: "rna_timeout"}} to the visitor.</li>
 * <li>{@code call:cancel {requestId}} (the visitor) → {@code call:cancelled {requestId}} to the agent.</li>
 * <li>{@code call:end {callId}} (either side) → {@code call:ended {callId, reason}} to the other; the agent is idle.</li>
 * <li>A socket that leaves: a visitor's ring is cancelled and its call ended at the agent; an agent's rings are
 *     rejected ({@code agent_offline}), its calls ended, and its visitors told {@code agent:unavailable}.</li>
 * </ul>
 * Unlike the seed's server, a rejected or unanswered call is not rerouted to another agent (so each request has
 * exactly one answer, and the accept, reject and timeout rates are the agents'), it is told as {@code call:rejected}
 * with a reason, and there are no pools, no database and no tokens. Malformed payloads get {@code error
 * {code: "INVALID_PAYLOAD"}}; an accept, reject or end of a request or call that is not there gets
 * {@code error {code: "CALL_NOT_FOUND"}}. Every handler returns the value a client's ack gets.
 *
 * <p>Invariant: all state is guarded by this object's lock, and events are emitted while holding it, so each
 * socket sees the events of one request in the order they happened.
 */
final class Signalling implements PrometheusSection {
    static final Set<String> EVENTS = Set.of("agent:login", "agent:away", "agent:back", "visitor:join", "visitor:interaction",
            "call:request", "call:accept", "call:reject", "call:cancel", "call:end");
    /** Visitors an agent is shown to at once, as the seed's server ({@code maxSimultaneousSimulations}). */
    static final int DEFAULT_MAX_VISITORS = 25;

    private enum Status { IDLE, RINGING, IN_CALL, AWAY }

    private static final class Agent {
        final String id, orgId, displayName;
        final SignallingPeer peer;
        final int maxVisitors;
        final Set<Visitor> visitors = new LinkedHashSet<>();
        Status status = Status.IDLE;

        Agent(String id, String orgId, String displayName, SignallingPeer peer, int maxVisitors) {
            this.id = id;
            this.orgId = orgId;
            this.displayName = displayName;
            this.peer = peer;
            this.maxVisitors = maxVisitors;
        }

        boolean serves(String org) {
            return orgId == null || orgId.equals(org);
        }
    }

    private static final class Visitor {
        final String id, orgId, pageUrl;
        final SignallingPeer peer;
        Agent agent;

        Visitor(String id, String orgId, String pageUrl, SignallingPeer peer) {
            this.id = id;
            this.orgId = orgId;
            this.pageUrl = pageUrl;
            this.peer = peer;
        }
    }

    private static final class Ring {
        final String requestId;
        final Visitor visitor;
        final Agent agent;
        ScheduledFuture<?> timeout;

        Ring(String requestId, Visitor visitor, Agent agent) {
            this.requestId = requestId;
            this.visitor = visitor;
            this.agent = agent;
        }
    }

    private record Call(String callId, String requestId, Visitor visitor, Agent agent) { }

    private final Duration ringTimeout;
    private final ScheduledExecutorService timer;
    private final Clock clock;
    private final Map<String, Agent> agentsById = new HashMap<>();
    private final Map<SignallingPeer, Agent> agentsByPeer = new HashMap<>();
    private final Map<SignallingPeer, Visitor> visitorsByPeer = new HashMap<>();
    private final Map<String, Ring> rings = new HashMap<>();
    private final Map<String, Call> calls = new HashMap<>();
    private long joinsAssigned, joinsUnavailable, interactions;
    private long requested, accepted, rejected, ringOuts, agentsBusy, cancelled, ended;

    Signalling(Duration ringTimeout, ScheduledExecutorService timer, Clock clock) {
        this.ringTimeout = ringTimeout;
        this.timer = timer;
        this.clock = clock;
    }

    /** Handles one of {@link #EVENTS} from {@code peer}; returns what its ack, if it asked for one, carries. */
    synchronized JsonNode handle(SignallingPeer peer, String event, JsonNode data) {
        return switch (event) {
            case "agent:login" -> login(peer, data);
            case "agent:away" -> setStatus(peer, Status.AWAY);
            case "agent:back" -> setStatus(peer, Status.IDLE);
            case "visitor:join" -> join(peer, data);
            case "visitor:interaction" -> {
                interactions++;
                yield object().put("ok", visitorsByPeer.containsKey(peer));
            }
            case "call:request" -> request(peer, data);
            case "call:accept" -> accept(peer, data.path("requestId").asText(""));
            case "call:reject" -> reject(peer, data.path("requestId").asText(""));
            case "call:cancel" -> cancel(peer, data.path("requestId").asText(""));
            case "call:end" -> end(peer, data.path("callId").asText(""));
            default -> throw new IllegalArgumentException("not a signalling event: " + event);
        };
    }

    /** {@code peer} is gone (left its namespace or its connection closed). */
    synchronized void left(SignallingPeer peer) {
        Agent agent = agentsByPeer.remove(peer);
        if (agent != null) agentLeft(agent);
        Visitor visitor = visitorsByPeer.remove(peer);
        if (visitor != null) visitorLeft(visitor);
    }

    private JsonNode login(SignallingPeer peer, JsonNode data) {
        String id = data.path("agentId").asText("");
        if (id.isEmpty()) return error(peer, "INVALID_PAYLOAD", "agent:login needs an agentId");
        Agent previous = agentsById.get(id);
        if (previous != null) { // logged in again (a page refresh): the new socket is the agent now
            agentsByPeer.remove(previous.peer);
            agentLeft(previous);
        }
        Agent gone = agentsByPeer.remove(peer);
        if (gone != null) agentLeft(gone);
        String org = data.path("orgId").asText("");
        int max = data.path("maxSimultaneousSimulations").asInt(DEFAULT_MAX_VISITORS);
        Agent agent = new Agent(id, org.isEmpty() ? null : org, data.path("profile").path("displayName").asText(id), peer,
                max > 0 ? max : DEFAULT_MAX_VISITORS);
        agentsById.put(id, agent);
        agentsByPeer.put(peer, agent);
        ObjectNode state = state(agent);
        peer.emit("login:success", object().set("agentState", state));
        for (Visitor waiting : visitorsByPeer.values()) { // the seed's server hands waiting visitors to an agent who logs in
            if (waiting.agent == null && agent.serves(waiting.orgId) && agent.visitors.size() < agent.maxVisitors) assign(waiting, agent);
        }
        return state;
    }

    private JsonNode setStatus(SignallingPeer peer, Status status) {
        Agent agent = agentsByPeer.get(peer);
        if (agent == null) return error(peer, "AGENT_NOT_FOUND", "agent:login first");
        // Away and back change an agent who is free; a ring or a call runs its course first.
        if (agent.status == Status.IDLE || agent.status == Status.AWAY) agent.status = status;
        return object().put("ok", true).put("status", name(agent.status));
    }

    private JsonNode join(SignallingPeer peer, JsonNode data) {
        String org = data.path("orgId").asText("");
        if (org.isEmpty()) return error(peer, "INVALID_PAYLOAD", "visitor:join needs an orgId");
        Visitor previous = visitorsByPeer.remove(peer);
        if (previous != null) visitorLeft(previous);
        String id = data.path("visitorId").asText("");
        Visitor visitor = new Visitor(id.isEmpty() ? "visitor_" + UUID.randomUUID() : id, org, data.path("pageUrl").asText(""), peer);
        visitorsByPeer.put(peer, visitor);
        Agent best = null;
        for (Agent a : agentsById.values()) {
            boolean free = a.status == Status.IDLE || a.status == Status.RINGING;
            if (free && a.serves(org) && a.visitors.size() < a.maxVisitors && (best == null || a.visitors.size() < best.visitors.size())) {
                best = a;
            }
        }
        if (best != null) {
            assign(visitor, best);
        } else {
            joinsUnavailable++;
            peer.emit("agent:unavailable", object().put("visitorId", visitor.id).put("reason", "no_agents"));
        }
        return object().put("visitorId", visitor.id).put("agentId", best == null ? null : best.id);
    }

    private void assign(Visitor visitor, Agent agent) {
        joinsAssigned++;
        visitor.agent = agent;
        agent.visitors.add(visitor);
        ObjectNode assigned = object();
        assigned.putObject("agent").put("id", agent.id).put("displayName", agent.displayName);
        visitor.peer.emit("agent:assigned", assigned.put("visitorId", visitor.id));
    }

    private JsonNode request(SignallingPeer peer, JsonNode data) {
        Visitor visitor = visitorsByPeer.get(peer);
        if (visitor == null) return error(peer, "VISITOR_NOT_FOUND", "Visitor session not found");
        // One call at a time: a new request replaces the visitor's ring or call, as the seed's server does.
        for (Ring r : List.copyOf(rings.values())) {
            if (r.visitor == visitor) cancelRing(r);
        }
        for (Call c : List.copyOf(calls.values())) {
            if (c.visitor == visitor) endCall(c, c.agent.peer, "visitor_ended");
        }
        requested++;
        String requestId = "req_" + UUID.randomUUID();
        Agent agent = agentsById.get(data.path("agentId").asText(""));
        if (agent == null || agent.status != Status.IDLE || !agent.serves(visitor.orgId)) {
            agent = null;
            for (Agent a : agentsById.values()) {
                if (a.status == Status.IDLE && a.serves(visitor.orgId)) {
                    agent = a;
                    break;
                }
            }
        }
        if (agent == null) {
            agentsBusy++;
            peer.emit("call:rejected", object().put("requestId", requestId).put("reason", "agents_busy"));
            return object().put("requestId", requestId);
        }
        Ring ring = new Ring(requestId, visitor, agent);
        rings.put(requestId, ring);
        agent.status = Status.RINGING;
        ObjectNode incoming = object();
        incoming.putObject("request").put("requestId", requestId).put("visitorId", visitor.id).put("agentId", agent.id)
                .put("orgId", visitor.orgId).put("pageUrl", visitor.pageUrl).put("requestedAt", clock.millis());
        incoming.putObject("visitor").put("visitorId", visitor.id).put("pageUrl", visitor.pageUrl);
        agent.peer.emit("call:incoming", incoming);
        ring.timeout = timer.schedule(() -> ringedOut(requestId), ringTimeout.toMillis(), TimeUnit.MILLISECONDS);
        return object().put("requestId", requestId);
    }

    private JsonNode accept(SignallingPeer peer, String requestId) {
        Ring ring = rings.get(requestId);
        if (ring == null || !ring.agent.peer.equals(peer)) return error(peer, "CALL_NOT_FOUND", "Call request not found or expired");
        rings.remove(requestId);
        ring.timeout.cancel(false);
        accepted++;
        Call call = new Call("call_" + UUID.randomUUID(), requestId, ring.visitor, ring.agent);
        calls.put(call.callId(), call);
        ring.agent.status = Status.IN_CALL;
        ring.visitor.peer.emit("call:accepted", object().put("callId", call.callId()).put("agentId", ring.agent.id).put("requestId", requestId));
        ObjectNode started = object();
        started.putObject("call").put("callId", call.callId()).put("requestId", requestId).put("visitorId", ring.visitor.id)
                .put("agentId", ring.agent.id);
        peer.emit("call:started", started);
        return object().put("callId", call.callId());
    }

    private JsonNode reject(SignallingPeer peer, String requestId) {
        Ring ring = rings.get(requestId);
        if (ring == null || !ring.agent.peer.equals(peer)) return error(peer, "CALL_NOT_FOUND", "Call request not found or expired");
        rings.remove(requestId);
        ring.timeout.cancel(false);
        rejected++;
        ring.agent.status = Status.IDLE;
        ring.visitor.peer.emit("call:rejected", object().put("requestId", requestId).put("reason", "rejected"));
        return object().put("requestId", requestId);
    }

    private synchronized void ringedOut(String requestId) {
        Ring ring = rings.remove(requestId);
        if (ring == null) return; // answered or cancelled just before
        ringOuts++;
        ring.agent.status = Status.AWAY; // the seed's server: an agent who lets a call ring out has left the desk
        ring.agent.peer.emit("call:cancelled", object().put("requestId", requestId));
        ring.agent.peer.emit("agent:marked_away", object().put("reason", "ring_no_answer")
                .put("message", "You've been marked as Away because you didn't answer an incoming call."));
        ring.visitor.peer.emit("call:rejected", object().put("requestId", requestId).put("reason", "rna_timeout"));
    }

    private JsonNode cancel(SignallingPeer peer, String requestId) {
        Ring ring = rings.get(requestId);
        if (ring == null || !ring.visitor.peer.equals(peer)) return error(peer, "CALL_NOT_FOUND", "Call request not found or expired");
        cancelRing(ring);
        return object().put("requestId", requestId);
    }

    private void cancelRing(Ring ring) {
        rings.remove(ring.requestId);
        ring.timeout.cancel(false);
        cancelled++;
        if (ring.agent.status == Status.RINGING) ring.agent.status = Status.IDLE;
        ring.agent.peer.emit("call:cancelled", object().put("requestId", ring.requestId));
    }

    private JsonNode end(SignallingPeer peer, String callId) {
        Call call = calls.get(callId);
        if (call == null || (!call.visitor().peer.equals(peer) && !call.agent().peer.equals(peer))) {
            return error(peer, "CALL_NOT_FOUND", "Call not found or already ended");
        }
        boolean byVisitor = call.visitor().peer.equals(peer);
        endCall(call, byVisitor ? call.agent().peer : call.visitor().peer, byVisitor ? "visitor_ended" : "agent_ended");
        return object().put("callId", callId);
    }

    private void endCall(Call call, SignallingPeer tell, String reason) {
        calls.remove(call.callId());
        ended++;
        if (call.agent().status == Status.IN_CALL) call.agent().status = Status.IDLE;
        tell.emit("call:ended", object().put("callId", call.callId()).put("reason", reason));
    }

    private void agentLeft(Agent agent) {
        agentsById.remove(agent.id, agent);
        for (Ring r : List.copyOf(rings.values())) {
            if (r.agent != agent) continue;
            rings.remove(r.requestId);
            r.timeout.cancel(false);
            rejected++;
            r.visitor.peer.emit("call:rejected", object().put("requestId", r.requestId).put("reason", "agent_offline"));
        }
        for (Call c : List.copyOf(calls.values())) {
            if (c.agent() == agent) endCall(c, c.visitor().peer, "agent_disconnected");
        }
        for (Visitor v : new ArrayList<>(agent.visitors)) {
            v.agent = null;
            v.peer.emit("agent:unavailable", object().put("visitorId", v.id).put("reason", "agent_offline"));
        }
        agent.visitors.clear();
    }

    private void visitorLeft(Visitor visitor) {
        if (visitor.agent != null) visitor.agent.visitors.remove(visitor);
        for (Ring r : List.copyOf(rings.values())) {
            if (r.visitor == visitor) cancelRing(r);
        }
        for (Call c : List.copyOf(calls.values())) {
            if (c.visitor() == visitor) endCall(c, c.agent().peer, "visitor_disconnected");
        }
    }

    private static ObjectNode state(Agent agent) {
        return object().put("agentId", agent.id).put("orgId", agent.orgId).put("status", name(agent.status))
                .put("maxSimultaneousSimulations", agent.maxVisitors);
    }

    private static JsonNode error(SignallingPeer peer, String code, String message) {
        ObjectNode error = object().put("code", code).put("message", message);
        peer.emit("error", error);
        return object().set("error", error);
    }

    private static String name(Status status) {
        return status.name().toLowerCase(java.util.Locale.ROOT);
    }

    private static ObjectNode object() {
        return JsonMessages.mapper().createObjectNode();
    }

    @Override
    public synchronized void writeTo(StringBuilder out) {
        SandboxMetrics.header(out, "sandbox_signalling_agents", "gauge", "Signalling agents logged in, by status.");
        for (Status s : Status.values()) {
            long n = agentsById.values().stream().filter(a -> a.status == s).count();
            SandboxMetrics.sample(out, "sandbox_signalling_agents", "status=\"" + name(s) + "\"", n);
        }
        SandboxMetrics.header(out, "sandbox_signalling_visitors", "gauge", "Widget visitors joined, by whether an agent is assigned.");
        long assigned = visitorsByPeer.values().stream().filter(v -> v.agent != null).count();
        SandboxMetrics.sample(out, "sandbox_signalling_visitors", "assigned=\"true\"", assigned);
        SandboxMetrics.sample(out, "sandbox_signalling_visitors", "assigned=\"false\"", visitorsByPeer.size() - assigned);
        SandboxMetrics.header(out, "sandbox_signalling_joins_total", "counter", "visitor:join answers (and later assignments), by answer.");
        SandboxMetrics.sample(out, "sandbox_signalling_joins_total", "answer=\"agent_assigned\"", joinsAssigned);
        SandboxMetrics.sample(out, "sandbox_signalling_joins_total", "answer=\"agent_unavailable\"", joinsUnavailable);
        SandboxMetrics.header(out, "sandbox_signalling_interactions_total", "counter", "visitor:interaction events.");
        SandboxMetrics.sample(out, "sandbox_signalling_interactions_total", "", interactions);
        SandboxMetrics.header(out, "sandbox_signalling_calls_total", "counter", "Call requests, and how they ended.");
        SandboxMetrics.sample(out, "sandbox_signalling_calls_total", "outcome=\"requested\"", requested);
        SandboxMetrics.sample(out, "sandbox_signalling_calls_total", "outcome=\"accepted\"", accepted);
        SandboxMetrics.sample(out, "sandbox_signalling_calls_total", "outcome=\"rejected\"", rejected);
        SandboxMetrics.sample(out, "sandbox_signalling_calls_total", "outcome=\"rna_timeout\"", ringOuts);
        SandboxMetrics.sample(out, "sandbox_signalling_calls_total", "outcome=\"agents_busy\"", agentsBusy);
        SandboxMetrics.sample(out, "sandbox_signalling_calls_total", "outcome=\"cancelled\"", cancelled);
        SandboxMetrics.header(out, "sandbox_signalling_calls_active", "gauge", "Calls accepted and not yet ended.");
        SandboxMetrics.sample(out, "sandbox_signalling_calls_active", "", calls.size());
        SandboxMetrics.header(out, "sandbox_signalling_calls_ended_total", "counter", "Calls ended (by either side, or a side that left).");
        SandboxMetrics.sample(out, "sandbox_signalling_calls_ended_total", "", ended);
        SandboxMetrics.header(out, "sandbox_signalling_ring_timeout_ms", "gauge", "How long a call rings before it is cancelled (ring-no-answer).");
        SandboxMetrics.sample(out, "sandbox_signalling_ring_timeout_ms", "", ringTimeout.toMillis());
    }
}
