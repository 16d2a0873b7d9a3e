package jload.engine.script.js;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;
import jload.VuContext;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyExecutable;

/**
 * One VU's event loop, k6's way: after the function the engine called returns, its timers run and
 * its browser-style WebSockets' events are dispatched (in order, on the VU's own thread) until no
 * timer is left, every socket has closed and the returned promise, if any, has settled. Between
 * them the VU's thread waits on its mailbox (or sleeps, when it has no socket).
 */
final class JsEventLoop {
    private record Timer(long id, long dueNanos, Value callback, long repeatNanos) {}

    private final PriorityQueue<Timer> queue = new PriorityQueue<>((a, b) ->
            a.dueNanos != b.dueNanos ? Long.compare(a.dueNanos, b.dueNanos) : Long.compare(a.id, b.id));
    private final Map<Long, Timer> live = new HashMap<>();
    private long nextId = 1;
    private final jload.engine.proto.Mailbox mailbox = new jload.engine.proto.Mailbox();
    private final Map<jload.engine.proto.ws.WsConnection, JsBrowserSocket> sockets = new java.util.IdentityHashMap<>();

    jload.engine.proto.Mailbox mailbox() {
        return mailbox;
    }

    void register(JsBrowserSocket socket) {
        sockets.put(socket.connection(), socket);
    }

    long schedule(Value callback, double delayMs, boolean repeat) {
        long delay = Math.max(0, (long) (delayMs * 1_000_000));
        Timer t = new Timer(nextId++, System.nanoTime() + delay, callback, repeat ? Math.max(delay, 1_000_000) : -1);
        queue.add(t);
        live.put(t.id, t);
        return t.id;
    }

    void cancel(long id) {
        live.remove(id);
    }

    /** Forgets every timer and drops every socket (the iteration was interrupted). */
    void reset() {
        queue.clear();
        live.clear();
        for (JsBrowserSocket s : sockets.values()) s.connection().close(1001, "");
        sockets.clear();
    }

    /**
     * Runs the loop for a call that returned {@code result}; returns the settled value.
     *
     * @throws JsRejection when the returned promise is rejected
     */
    Value drain(Value result, VuContext vu) {
        Settlement settlement = null;
        // (null and undefined first: most iterations return nothing, and every Value call costs)
        if (result != null && !result.isNull() && result.hasMember("then") && result.getMember("then").canExecute()) {
            settlement = new Settlement();
            result.invokeMember("then", settlement.onValue(), settlement.onError());
        }
        while (true) {
            if (settlement != null && settlement.rejected) throw new JsRejection(settlement.error);
            Timer next = peekLive();
            if (next == null && sockets.isEmpty()) break;
            long deadline = next == null ? System.nanoTime() + Duration.ofDays(365).toNanos() : next.dueNanos;
            if (!sockets.isEmpty()) {
                // Then fall through: a due timer runs even while messages keep coming.
                dispatchSocketEvents(deadline);
            } else {
                long wait = deadline - System.nanoTime();
                if (wait > 0) vu.sleep(Duration.ofNanos(wait));
            }
            if (next == null || live.get(next.id) != next || next.dueNanos - System.nanoTime() > 0) continue;
            queue.remove(next);
            if (next.repeatNanos > 0) {
                Timer again = new Timer(next.id, next.dueNanos + next.repeatNanos, next.callback, next.repeatNanos);
                queue.add(again);
                live.put(next.id, again);
            } else {
                live.remove(next.id);
            }
            next.callback.executeVoid();
        }
        if (settlement == null) return result;
        if (settlement.rejected) throw new JsRejection(settlement.error);
        if (!settlement.settled) {
            throw new IllegalStateException("the function's promise never settled, and no timer is left that could settle it");
        }
        return settlement.value;
    }

    /** The next timer still wanted (cleared ones are dropped on the way). */
    private Timer peekLive() {
        Timer t;
        while ((t = queue.peek()) != null) {
            if (live.get(t.id) == t) return t;
            queue.poll();
        }
        return null;
    }

    /** Waits for socket events until {@code deadline}; dispatches all that are queued. False if none came. */
    private boolean dispatchSocketEvents(long deadline) {
        Object e;
        try {
            e = mailbox.take(deadline);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new jload.engine.exec.VuInterrupted();
        }
        if (e == null) return false;
        do {
            jload.engine.proto.ws.WsEvent event = (jload.engine.proto.ws.WsEvent) e;
            JsBrowserSocket s = sockets.get(event.connection());
            if (s != null) {
                s.dispatch(event);
                if (event instanceof jload.engine.proto.ws.WsEvent.Closed) sockets.remove(event.connection());
                if (event instanceof jload.engine.proto.ws.WsEvent.Opened o && !o.ok()) sockets.remove(event.connection());
            }
        } while ((e = mailbox.poll()) != null);
        return true;
    }

    private static final class Settlement {
        boolean settled;
        boolean rejected;
        Value value;
        Value error;

        ProxyExecutable onValue() {
            return args -> {
                settled = true;
                value = args.length > 0 ? args[0] : null;
                return null;
            };
        }

        ProxyExecutable onError() {
            return args -> {
                settled = true;
                rejected = true;
                error = args.length > 0 ? args[0] : null;
                return null;
            };
        }
    }

    /** A promise the iteration returned was rejected; carries the rejection value. */
    static final class JsRejection extends RuntimeException {
        final transient Value reason;

        JsRejection(Value reason) {
            super(reason == null ? "promise rejected" : reason.toString(), null, false, false);
            this.reason = reason;
        }
    }
}
