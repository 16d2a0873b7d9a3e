package jload.engine.exec;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 * event-loop delays in the test's first second 8–10 (the longest 62–89 ms) without it, 5–7 (33–74 ms) with it;
 * {@code ws_rtt} p95 6.1–8.0 ms against 4.1–6.5 ms; for about 0.2 s more start-up.
 *
 * <p>Best effort: a failure or running out of budget just ends it; the test runs the same, colder.
 */
public final class ScriptWarmup {
    static final int VUS = 4;
    static final int ITERATIONS = 10;

    private ScriptWarmup() { }

    /** What a warm-up did: how long it took, and how many iterations of the warm-up scripts completed. */
    public record Done(Duration took, int iterations) { }

    /** Runs the warm-up against the echo at {@code echo}. */
    public static Done run(ScriptRuntime runtime, Protocols protocols, URI echo, Duration budget) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + budget.toNanos();
        MetricRegistry nowhere = new MetricRegistry();
        RunContext ctx = new RunContext(nowhere, new BuiltinMetrics(nowhere), new RunControl(), new ErrorLog(message -> { }),
                Map.of("TARGET", echo.toString()), TagSet.EMPTY, protocols, false, new RunWarnings(message -> { }));
        List<Thread> vus = new ArrayList<>();
        java.util.concurrent.atomic.AtomicInteger iterations = new java.util.concurrent.atomic.AtomicInteger();
        // What each VU runs now, to stop it if the budget runs out.
        java.util.concurrent.atomic.AtomicReferenceArray<VuScript> running = new java.util.concurrent.atomic.AtomicReferenceArray<>(VUS);
        for (int id = 1; id <= VUS; id++) {
            VuState vu = new VuState(id, ctx);
            int slot = id - 1;
            vus.add(VuCarrier.newThread(protocols.loops(), protocols.loops().next(), "warm-up-" + id, () -> {
                try {
                    for (VuScript script : runtime.newWarmUpVus(vu)) {
                        running.set(slot, script);
                        try (script) {
                            for (int i = 0; i < ITERATIONS && System.nanoTime() < deadline; i++) {
                                script.call("default", null);
                                iterations.incrementAndGet();
                            }
                        }
                    }
                } catch (RuntimeException bestEffort) {
                    // the test runs the same, colder
                } finally {
                    vu.closeSockets();
                }
            }));
        }
        for (Thread t : vus) t.start();
        for (int i = 0; i < vus.size(); i++) {
            Thread t = vus.get(i);
            if (!t.join(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())))) {
                VuScript script = running.get(i);
                if (script != null) script.interrupt(t);
                t.join(Duration.ofSeconds(1));
            }
        }
        return new Done(Duration.ofNanos(System.nanoTime() - start), iterations.get());
    }
}
