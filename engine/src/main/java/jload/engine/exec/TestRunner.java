package jload.engine.exec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import jload.engine.metrics.BuiltinMetrics;
import jload.engine.metrics.MetricRegistry;
import jload.engine.metrics.TagSet;
import jload.engine.plan.TestPlan;
import jload.engine.proto.Protocols;
import jload.engine.script.ScriptFailure;
import jload.engine.script.ScriptRuntime;
import jload.engine.script.VuScript;
import jload.engine.thresholds.ThresholdEvaluation;

/**
 * Runs a plan: initialise VUs → setup() → every scenario from its start time → teardown(). Once a
 * second, samples vus/vus_max and judges thresholds (stopping the run when one with abortOnFail
 * fails). Exceptions in iterations are counted in {@link ErrorLog}; the run goes on.
 */
public final class TestRunner {
    private static final long TICK_NANOS = 1_000_000_000L;

    private final TestPlan plan;
    private final ScriptRuntime script;
    private final RunContext ctx;
    private final ThresholdJudge judge;
    /** options.scrape: the target's pages read during the run. */
    private final jload.engine.proto.scrape.TargetScraper targetScraper;
    private final List<ScenarioRun> scenarioRuns = new ArrayList<>();
    private volatile VuPool pool;

    public TestRunner(TestPlan plan, ScriptRuntime script, MetricRegistry registry, RunControl control,
                      Protocols protocols, Consumer<String> errorPrinter, Consumer<String> warningPrinter) {
        this.plan = plan;
        this.script = script;
        BuiltinMetrics builtins = new BuiltinMetrics(registry);
        this.ctx = new RunContext(registry, builtins, control, new ErrorLog(errorPrinter), plan.env(),
                TagSet.of(plan.tags()), protocols, plan.throwErrors(), new RunWarnings(warningPrinter));
        this.targetScraper = new jload.engine.proto.scrape.TargetScraper(plan.scrapes(), protocols::scrape, registry, builtins,
                ctx.globalTags(), ctx.warnings()::once);
        this.judge = new ThresholdJudge(registry, plan.thresholdsEnabled() ? plan.thresholds() : List.of());
    }

    public RunContext context() {
        return ctx;
    }

    /** Scenario progress for the live display; empty until the VUs are initialised. */
    public List<ScenarioRun> scenarioRuns() {
        synchronized (scenarioRuns) {
            return List.copyOf(scenarioRuns);
        }
    }

    public VuPool pool() {
        return pool;
    }

    /**
     * Initialises the VUs: runs the script's init code once per VU. Separate from {@link #run} so the
     * caller can time it and report init failures (exit 107) and bad thresholds (exit 104) before
     * anything is sent.
     */
    public void initialize() {
        VuPool p = new VuPool(id -> {
            VuState state = new VuState(id, ctx);
            return new Vu(state, script.newVu(state));
        }, active -> ctx.registry().add(ctx.builtins().vus, ctx.globalTags(), active));
        pool = p;
        p.cancelWhen(ctx.control()::isStopped);
        p.initialize(plan.initialVus());
        ctx.registry().add(ctx.builtins().vusMax, ctx.globalTags(), p.initialized());
        judge.validate();
    }

    public RunResult run() throws InterruptedException {
        ctx.control().markStarted();
        long runStart = ctx.control().startNanos();
        GcPauses gcPauses = GcPauses.start();
        Thread sampler = Thread.ofPlatform().daemon().name("jload-sampler").start(this::sample);
        String setupData = null;
        RuntimeException teardownFailure = null;
        try {
            setupData = callLifecycle("setup", null, plan.setupTimeout());
            // Stopped before setup() finished: no iteration runs, and teardown(data) would have no data.
            boolean setupCut = ctx.control().isStopped() && script.exportedFunctions().contains("setup");
            if (!setupCut) targetScraper.start(); // the "before" snapshots, before the first iteration
            List<Thread> threads = new ArrayList<>();
            for (var config : plan.scenarios()) {
                ScenarioRun run = new ScenarioRun(config, ctx, pool, setupData);
                synchronized (scenarioRuns) {
                    scenarioRuns.add(run);
                }
                // Controllers are platform threads: VUs that never block must not starve them.
                threads.add(Thread.ofPlatform().daemon().name("scenario-" + config.name()).start(() -> {
                    try {
                        if (ctx.control().awaitStop(runStart + config.common().startTime().toNanos() - System.nanoTime())) return;
                        run.run();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }));
            }
            for (Thread t : threads) t.join();
            if (!setupCut) targetScraper.finish(); // after the last iteration, before teardown
            try {
                if (!setupCut) callLifecycle("teardown", setupData, plan.teardownTimeout());
            } catch (LifecycleTimeout | ScriptFailure e) {
                // The run happened: it is still summarised and judged; the exit code says teardown failed.
                teardownFailure = e;
            }
            // Sockets kept across iterations end now, so their session durations are summarised.
            pool.closeSockets();
        } finally {
            targetScraper.stop();
            sampler.interrupt();
            sampler.join();
            gcPauses.close();
        }
        double elapsed = ctx.elapsedSeconds();
        ThresholdEvaluation verdict = judge.isEmpty() ? null : judge.atEnd(elapsed);
        return new RunResult(ctx.control().stopReason(), ctx.control().stopDetail(), verdict, elapsed, setupData,
                teardownFailure, ctx.control().failedReason(), gcPauses.tally());
    }

    /**
     * Runs setup or teardown on a VU of its own (number 0, as in k6), on a virtual thread of its
     * own so it can be bounded by setupTimeout/teardownTimeout. An exception there stops the run
     * (exit 107); running out of time stops it too (exit 100 or 101), as in k6.
     */
    private String callLifecycle(String function, String data, java.time.Duration timeout) throws InterruptedException {
        if (!script.exportedFunctions().contains(function)) return null;
        if (ctx.control().isStopped() && function.equals("setup")) return null;
        VuState state = new VuState(0, ctx);
        try (VuScript vu = script.newVu(state)) {
            String[] result = new String[1];
            RuntimeException[] failure = new RuntimeException[1];
            Thread t = Thread.ofVirtual().name(function).unstarted(() -> {
                try {
                    result[0] = vu.call(function, data);
                } catch (RuntimeException e) {
                    failure[0] = e;
                }
            });
            // A stop (Ctrl-C) interrupts setup; teardown runs to its end (bounded by teardownTimeout), as in k6.
            boolean finished;
            try (RunControl.StopHook hook = function.equals("setup") ? ctx.control().interruptOnStop(() -> vu.interrupt(t)) : () -> { }) {
                t.start();
                finished = t.join(timeout);
            }
            if (!finished) {
                vu.interrupt(t);
                t.join(java.time.Duration.ofSeconds(5));
                throw new LifecycleTimeout(function, timeout);
            }
            if (failure[0] instanceof ScriptFailure f) {
                if (f.kind() == ScriptFailure.Kind.INTERRUPTED || f.kind() == ScriptFailure.Kind.ABORT) return null;
                throw new ScriptFailure(ScriptFailure.Kind.INIT, function + "() failed: " + f.getMessage(), f.location());
            }
            if (failure[0] != null) throw failure[0];
            return result[0];
        } finally {
            state.closeSockets();
        }
    }

    /** Calls the script's handleSummary(data) on a VU of its own; returns its result as JSON, or null. */
    public String handleSummary(String summaryDataJson) {
        if (!script.exportedFunctions().contains("handleSummary")) return null;
        try (VuScript vu = script.newVu(new VuState(0, ctx))) {
            return vu.call("handleSummary", summaryDataJson);
        }
    }

    public boolean hasHandleSummary() {
        return script.exportedFunctions().contains("handleSummary");
    }

    /** Once a second from the start (the first sample after one second, as k6 does): vus, vus_max, thresholds. */
    private void sample() {
        long next = System.nanoTime();
        boolean first = true;
        while (!Thread.currentThread().isInterrupted()) {
            if (!first) recordVus();
            first = false;
            if (!judge.isEmpty() && !ctx.control().isStopped()) {
                ThresholdEvaluation e = judge.duringRun(ctx.elapsedSeconds());
                if (e.shouldAbort()) {
                    ctx.control().stop(StopReason.THRESHOLD_ABORT, "thresholds on metrics '"
                            + String.join(", ", e.breachedKeys()) + "' have been crossed");
                }
            }
            next += TICK_NANOS;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                try {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    private void recordVus() {
        VuPool p = pool;
        if (p == null) return;
        ctx.registry().add(ctx.builtins().vus, ctx.globalTags(), p.active());
        ctx.registry().add(ctx.builtins().vusMax, ctx.globalTags(), p.initialized());
    }

    public ErrorLog errors() {
        return ctx.errors();
    }

    public Map<String, String> env() {
        return ctx.env();
    }

    public void close() {
        VuPool p = pool;
        if (p != null) p.close();
        ctx.protocols().close();
    }
}
