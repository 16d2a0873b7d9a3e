package jload.engine.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Seed 004's widget-and-call signalling: what visitors and agents are told, in which order. */
class SignallingTest {
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final Signalling signalling = new Signalling(Duration.ofMillis(300), timer, Clock.systemUTC());

    @AfterEach
    void stopTimer() {
        timer.shutdownNow();
    }

    /** A socket that keeps what it was sent. */
    private static final class Peer implements SignallingPeer {
        final List<String> events = new CopyOnWriteArrayList<>();
        final List<JsonNode> data = new CopyOnWriteArrayList<>();

        @Override
        public void emit(String event, JsonNode payload) {
            events.add(event);
            data.add(payload);
        }

        JsonNode last(String event) {
            for (int i = events.size() - 1; i >= 0; i--) {
                if (events.get(i).equals(event)) return data.get(i);
            }
            throw new AssertionError("no " + event + " among " + events);
        }
    }

    /** A new handle on {@code peer}'s socket, as the endpoint makes one at each event: equal, not the same object. */
    private record Socket(Peer peer) implements SignallingPeer {
        @Override
        public void emit(String event, JsonNode payload) {
            peer.emit(event, payload);
        }
    }

    private JsonNode send(Peer from, String event, JsonNode data) {
        return signalling.handle(new Socket(from), event, data);
    }

    private static ObjectNode json() {
        return JsonMessages.mapper().createObjectNode();
    }

    private Peer agent(String id, String org, int maxVisitors) {
        Peer peer = new Peer();
        ObjectNode login = json().put("agentId", id).put("orgId", org).put("maxSimultaneousSimulations", maxVisitors);
        login.putObject("profile").put("displayName", "Agent " + id);
        send(peer, "agent:login", login);
        assertEquals(List.of("login:success"), peer.events);
        return peer;
    }

    private Peer visitor(String org) {
        Peer peer = new Peer();
        send(peer, "visitor:join", json().put("orgId", org).put("pageUrl", "https://example.com/pricing"));
        return peer;
    }

    @Test
    void visitorsGoToTheLeastLoadedAgentOfTheirOrganisationUntilEveryAgentIsFull() {
        Peer a = agent("a", "org-1", 2);
        Peer b = agent("b", "org-1", 1);
        agent("elsewhere", "org-2", 10);
        List<String> assignedTo = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Peer v = visitor("org-1");
            if (v.events.equals(List.of("agent:assigned"))) assignedTo.add(v.last("agent:assigned").path("agent").path("id").asText());
            else assertEquals(List.of("agent:unavailable"), v.events, "the 4th visitor finds both agents full");
        }
        assertEquals(List.of("a", "b", "a"), assignedTo);
        assertEquals(List.of("agent:unavailable"), visitor("org-3").events, "an agent of another organisation is not assigned");
        assertTrue(a.events.size() == 1 && b.events.size() == 1, "agents are not told about each visitor");
    }

    @Test
    void aVisitorWaitingWithoutAnAgentIsAssignedWhenOneLogsIn() {
        Peer v = visitor("org-1");
        assertEquals("no_agents", v.last("agent:unavailable").path("reason").asText());
        agent("late", "org-1", 5);
        assertEquals("late", v.last("agent:assigned").path("agent").path("id").asText());
    }

    @Test
    void anAcceptedCallReachesBothSidesAndItsEndFreesTheAgent() {
        Peer agent = agent("a", "org-1", 5);
        Peer v = visitor("org-1");
        JsonNode ack = send(v, "call:request", json().put("agentId", "a"));
        String requestId = ack.path("requestId").asText();
        JsonNode incoming = agent.last("call:incoming");
        assertEquals(requestId, incoming.path("request").path("requestId").asText());
        send(agent, "call:accept", json().put("requestId", requestId));
        String callId = v.last("call:accepted").path("callId").asText();
        assertEquals(callId, agent.last("call:started").path("call").path("callId").asText());

        Peer second = visitor("org-1");
        send(second, "call:request", json().put("agentId", "a"));
        assertEquals("agents_busy", second.last("call:rejected").path("reason").asText(), "an agent in a call is not rung");

        send(v, "call:end", json().put("callId", callId));
        assertEquals("visitor_ended", agent.last("call:ended").path("reason").asText());
        send(second, "call:request", json().put("agentId", "a"));
        assertEquals("call:incoming", agent.events.get(agent.events.size() - 1), "the agent is rung again once the call ended");
    }

    @Test
    void aRejectedCallIsToldToTheVisitorWithItsReason() {
        Peer agent = agent("a", "org-1", 5);
        Peer v = visitor("org-1");
        String requestId = send(v, "call:request", json().put("agentId", "a")).path("requestId").asText();
        send(agent, "call:reject", json().put("requestId", requestId));
        JsonNode rejected = v.last("call:rejected");
        assertEquals(requestId, rejected.path("requestId").asText());
        assertEquals("rejected", rejected.path("reason").asText());
        send(agent, "call:accept", json().put("requestId", requestId));
        assertEquals("CALL_NOT_FOUND", agent.last("error").path("code").asText(), "a request answered once cannot be answered again");
    }

    @Test
    void aCallNobodyAnswersRingsOutAndMarksTheAgentAwayUntilItComesBack() throws Exception {
        Peer agent = agent("a", "org-1", 5);
        Peer v = visitor("org-1");
        long start = System.nanoTime();
        send(v, "call:request", json().put("agentId", "a"));
        for (int i = 0; i < 100 && !v.events.contains("call:rejected"); i++) Thread.sleep(20);
        long waitedMs = (System.nanoTime() - start) / 1_000_000;
        assertEquals("rna_timeout", v.last("call:rejected").path("reason").asText());
        assertTrue(waitedMs >= 250, "rang for the ring timeout (300 ms), not " + waitedMs + " ms");
        assertTrue(agent.events.containsAll(List.of("call:cancelled", "agent:marked_away")), agent.events.toString());

        Peer next = visitor("org-1");
        send(next, "call:request", json().put("agentId", "a"));
        assertEquals("agents_busy", next.last("call:rejected").path("reason").asText(), "an away agent is not rung");
        assertEquals("idle", send(agent, "agent:back", json()).path("status").asText());
        send(next, "call:request", json().put("agentId", "a"));
        assertEquals("call:incoming", agent.events.get(agent.events.size() - 1));
    }

    @Test
    void whoeverLeavesTheOtherSideIsTold() {
        Peer agent = agent("a", "org-1", 5);
        Peer ringing = visitor("org-1");
        send(ringing, "call:request", json().put("agentId", "a"));
        signalling.left(new Socket(ringing));
        assertEquals("call:cancelled", agent.events.get(agent.events.size() - 1), "a visitor who leaves cancels its ring");

        Peer waiting = visitor("org-1");
        send(waiting, "call:request", json().put("agentId", "a"));
        signalling.left(new Socket(agent));
        assertEquals("agent_offline", waiting.last("call:rejected").path("reason").asText());
        assertEquals("agent_offline", waiting.last("agent:unavailable").path("reason").asText());
        assertFalse(send(waiting, "call:request", json().put("agentId", "a")).has("error"));
        assertEquals("agents_busy", waiting.last("call:rejected").path("reason").asText(), "no agent is left to ring");
    }

    @Test
    void eventsOutOfTurnAreAnsweredWithAnErrorNotIgnored() {
        Peer stranger = new Peer();
        assertEquals("VISITOR_NOT_FOUND", send(stranger, "call:request", json()).path("error").path("code").asText());
        assertEquals("INVALID_PAYLOAD", send(stranger, "visitor:join", json()).path("error").path("code").asText());
        assertEquals("INVALID_PAYLOAD", send(stranger, "agent:login", json()).path("error").path("code").asText());
        assertEquals(List.of("error", "error", "error"), stranger.events);
    }

    @Test
    void theMetricsCountEveryOutcome() {
        Peer agent = agent("a", "org-1", 5);
        Peer v = visitor("org-1");
        String first = send(v, "call:request", json().put("agentId", "a")).path("requestId").asText();
        send(agent, "call:reject", json().put("requestId", first));
        String second = send(v, "call:request", json().put("agentId", "a")).path("requestId").asText();
        send(agent, "call:accept", json().put("requestId", second));
        StringBuilder out = new StringBuilder();
        signalling.writeTo(out);
        String text = out.toString();
        assertTrue(text.contains("sandbox_signalling_calls_total{outcome=\"requested\"} 2"), text);
        assertTrue(text.contains("sandbox_signalling_calls_total{outcome=\"accepted\"} 1"), text);
        assertTrue(text.contains("sandbox_signalling_calls_total{outcome=\"rejected\"} 1"), text);
        assertTrue(text.contains("sandbox_signalling_agents{status=\"in_call\"} 1"), text);
        assertTrue(text.contains("sandbox_signalling_visitors{assigned=\"true\"} 1"), text);
    }
}
