package jload.engine.script.js;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;
import jload.VuContext;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyExecutable;

/**
 * One VU's event loop, k6's way: after the function the engine called returns, its timers run (in
 * due order, on the VU's own thread) until none is left and the returned promise, if any, has
 * settled. The VU's thread sleeps between timers.
 */
final class JsEventLoop {
    private record Timer(long id, long dueNanos, Value callback, long repeatNanos) {}

    private final PriorityQueue<Timer> queue = new PriorityQueue<>((a, b) ->
            a.dueNanos != b.dueNanos ? Long.compare(a.dueNanos, b.dueNanos) : Long.compare(a.id, b.id));
    private final Map<Long, Timer> live = new HashMap<>();
    private long nextId = 1;

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

    /** Forgets every timer (the iteration was interrupted). */
    void reset() {
        queue.clear();
        live.clear();
    }

    /**
     * Runs the loop for a call that returned {@code result}; returns the settled value.
     *
     * @throws JsRejection when the returned promise is rejected
     */
    Value drain(Value result, VuContext vu) {
        Settlement settlement = null;
        if (result != null && result.hasMember("then") && result.getMember("then").canExecute()) {
            settlement = new Settlement();
            result.invokeMember("then", settlement.onValue(), settlement.onError());
        }
        while (true) {
            if (settlement != null && settlement.rejected) throw new JsRejection(settlement.error);
            Timer next = pollLive();
            if (next == null) break;
            long wait = next.dueNanos - System.nanoTime();
            if (wait > 0) vu.sleep(Duration.ofNanos(wait));
            if (!live.containsKey(next.id)) continue; // cleared while we slept? (only possible from itself)
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

    private Timer pollLive() {
        Timer t;
        while ((t = queue.poll()) != null) {
            if (live.get(t.id) == t) return t;
        }
        return null;
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
