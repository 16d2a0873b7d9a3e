package jload.engine.exec;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.BooleanSupplier;
import jload.engine.metrics.BuiltinMetrics;
import jload.engine.metrics.MetricRegistry;
import jload.engine.metrics.TagSet;
import jload.engine.proto.Protocols;
import jload.engine.proto.VuCarrier;
import jload.engine.script.ScriptRuntime;
import jload.engine.script.VuScript;

/**
 * Before the test: jload's own warm-up scripts for the modules the user's script calls ({@link
 * ScriptRuntime#newWarmUpVus}), run by {@link #VUS} VUs of their own for {@link #ITERATIONS} iterations each against an
 * echo, on the run's event loops like the test's VUs, with metrics that go nowhere. A VU's first calls from JavaScript
 * into jload's API make the JVM load classes and build method handles on the VU's thread, holding up its event loop.
 * Measured side by side on the README's example ({@code RUNS=4 DURATION=6s bench/first-second.sh}, bench/README.md):
 * event-loop delays in the test's first second 7–13 (the longest 53–124 ms) without it, 4–6 (28–41 ms) with it;
 * {@code ws_rtt} p95 5.9–7.6 ms against 3.7–5.1 ms; for about 0.5 s more start-up, and its garbage: a second young
 * GC pause (about 30 ms) in those 6 s.
 *
 * <p>Best effort: a failure or running out of budget just ends it; the test runs the same, colder.
 */
public final class ScriptWarmup {
    static final int VUS = 4;
    static final int ITERATIONS = 10;

    private ScriptWarmup() { }

    /**
     * What a warm-up did: how long it took, how many iterations of the warm-up scripts completed, and how many echoes
     * came back to them (none: the calls it was for were not made).
     */
    public record Done(Duration took, int iterations, long echoes) { }

    /**
     * Runs the warm-up against the WebSocket echo at {@code echo} (jload's own, or the sandbox's: never the script's
     * target), for {@code budget} at most; {@code stopped} (Ctrl-C) ends it early.
     */
    public static Done run(ScriptRuntime runtime, Protocols protocols, URI echo, Duration budget, BooleanSupplier stopped)
            throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + budget.toNanos();
        MetricRegistry nowhere = new MetricRegistry();
        BuiltinMetrics builtins = new BuiltinMetrics(nowhere);
        RunContext ctx = new RunContext(nowhere, builtins, new RunControl(), new ErrorLog(message -> { }), Map.of(), TagSet.EMPTY,
                protocols, false, new RunWarnings(message -> { }));
        String data = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode().put("echo", echo.toString()).toString();
        List<Thread> vus = new ArrayList<>();
        AtomicInteger iterations = new AtomicInteger();
        // What each VU runs now, to stop it when the budget runs out or the run is stopped.
        AtomicReferenceArray<VuScript> running = new AtomicReferenceArray<>(VUS);
        for (int id = 1; id <= VUS; id++) {
            VuState vu = new VuState(id, ctx);
            int slot = id - 1;
            vus.add(VuCarrier.newThread(protocols.loops(), protocols.loops().next(), "warm-up-" + id, () -> {
                List<VuScript> scripts = List.of();
                try {
                    scripts = runtime.newWarmUpVus(vu);
                    for (VuScript script : scripts) {
                        running.set(slot, script);
                        for (int i = 0; i < ITERATIONS && System.nanoTime() < deadline && !stopped.getAsBoolean(); i++) {
                            script.call("default", data);
                            iterations.incrementAndGet();
                        }
                    }
                } catch (RuntimeException bestEffort) {
                    // the test runs the same, colder (Done says how far it got)
                } finally {
                    Thread.interrupted(); // a stop's interrupt must not cut the sockets' closing short
                    try {
                        vu.closeSockets();
                    } catch (RuntimeException ignored) {
                        // best effort, as above
                    }
                    scripts.forEach(VuScript::close);
                }
            }));
        }
        for (Thread t : vus) t.start();
        // In short slices, so that a stop (Ctrl-C) is seen within 50 ms.
        for (Thread t : vus) {
            while (t.isAlive() && System.nanoTime() < deadline && !stopped.getAsBoolean()) t.join(Duration.ofMillis(50));
        }
        for (int i = 0; i < vus.size(); i++) {
            VuScript script = running.get(i);
            if (vus.get(i).isAlive() && script != null) script.interrupt(vus.get(i));
        }
        long grace = System.nanoTime() + Duration.ofSeconds(1).toNanos();
        for (Thread t : vus) t.join(Duration.ofNanos(Math.max(1, grace - System.nanoTime())));
        return new Done(Duration.ofNanos(System.nanoTime() - start), iterations.get(), (long) builtins.wsMsgsReceived.snapshot().sum());
    }
}
