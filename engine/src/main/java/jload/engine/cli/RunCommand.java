package jload.engine.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import jload.engine.exec.LifecycleTimeout;
import jload.engine.exec.RunControl;
import jload.engine.exec.RunResult;
import jload.engine.exec.StopReason;
import jload.engine.exec.TestRunner;
import jload.engine.metrics.MetricRegistry;
import jload.engine.output.EndOfTest;
import jload.engine.output.Outputs;
import jload.engine.output.Log;
import jload.engine.output.Progress;
import jload.engine.output.Screen;
import jload.engine.output.SummaryData;
import jload.engine.output.Terminal;
import jload.engine.output.summary.SummaryMode;
import jload.engine.plan.CliOverrides;
import jload.engine.plan.ConfigException;
import jload.engine.plan.K6Duration;
import jload.engine.plan.PlanBuilder;
import jload.engine.plan.Stage;
import jload.engine.plan.TestPlan;
import jload.engine.proto.Protocols;
import jload.engine.sandbox.SandboxRun;
import jload.engine.script.InitStopper;
import jload.engine.script.ScriptFailure;
import jload.engine.script.ScriptLoader;
import jload.engine.script.ScriptRuntime;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jload run SCRIPT}: k6's flags, k6's meanings, k6's exit codes. */
@Command(name = "run", description = "Run a load test.", sortOptions = false)
public final class RunCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SCRIPT", description = "The scenario script (.js).")
    Path script;

    @Option(names = {"-u", "--vus"}, paramLabel = "N", description = "Number of virtual users.")
    Integer vus;

    @Option(names = {"-d", "--duration"}, paramLabel = "DURATION", description = "Test duration, e.g. 30s, 1m30s.")
    String duration;

    @Option(names = {"-i", "--iterations"}, paramLabel = "N", description = "Total iterations, shared among the VUs.")
    Long iterations;

    @Option(names = {"-s", "--stage"}, paramLabel = "DURATION:TARGET", split = ",",
            description = "A ramping stage, e.g. -s 30s:50 -s 1m:50 (or comma-separated).")
    List<String> stages;

    @Option(names = {"-e", "--env"}, paramLabel = "K=V", description = "A variable for the script's __ENV (repeatable).")
    Map<String, String> env = new LinkedHashMap<>();

    @Option(names = "--include-system-env-vars", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Pass the system's environment variables to __ENV (default: true, as in k6 run).")
    boolean includeSystemEnv;

    @Option(names = {"-o", "--out"}, paramLabel = "TYPE=FILE",
            description = "An output (repeatable): json=FILE or csv=FILE (every sample, k6's formats), hdr=DIR (the run's intervals as HdrHistogram logs), html=FILE (a self-contained report).")
    List<String> outputs = new ArrayList<>();

    @Option(names = "--dashboard", description = "Serve a live dashboard of the run on http://127.0.0.1:5665/ (also JLOAD_DASHBOARD=true, or k6's K6_WEB_DASHBOARD=true).")
    boolean dashboard;

    @Option(names = "--dashboard-port", paramLabel = "PORT", description = "The dashboard's port (default: 5665, or K6_WEB_DASHBOARD_PORT).")
    Integer dashboardPort;

    @Option(names = "--dashboard-host", paramLabel = "HOST",
            description = "The address the dashboard listens on (default: 127.0.0.1, this machine only; or K6_WEB_DASHBOARD_HOST).")
    String dashboardHost;

    @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "1s",
            description = "How long each interval of the interval outputs (hdr, html) is (default: ${DEFAULT-VALUE}; at least 100ms).")
    String interval;

    @Option(names = "--summary-export", paramLabel = "FILE", description = "Write the end-of-test summary as JSON (k6's format).")
    Path summaryExport;

    @Option(names = "--summary-trend-stats", paramLabel = "STATS", split = ",",
            description = "Trend statistics in the summary, e.g. avg,min,med,max,p(90),p(95),p(99.9).")
    List<String> summaryTrendStats;

    @Option(names = "--summary-mode", paramLabel = "MODE", description = "compact (default), full (adds groups) or disabled.")
    String summaryMode;

    @Option(names = "--no-summary", description = "No end-of-test summary: no text, no handleSummary(), no --summary-export (as in k6).")
    boolean noSummary;

    @Option(names = "--no-thresholds", description = "Do not judge thresholds.")
    Boolean noThresholds;

    @Option(names = {"-w", "--throw"}, description = "Failed requests (a refused WebSocket connect, …) throw in the script instead of returning an error (k6's throw option).")
    Boolean throwErrors;

    @Option(names = "--tag", paramLabel = "K=V", description = "A tag added to every sample (repeatable).")
    Map<String, String> tags = new LinkedHashMap<>();

    @Option(names = {"-q", "--quiet"}, description = "No banner and no live progress.")
    boolean quiet;

    @Option(names = {"-v", "--verbose"}, description = "Show debug output, including console.debug().")
    boolean verbose;

    @Option(names = "--no-color", description = "No colours in the summary.")
    boolean noColor;

    @Option(names = "--sandbox", description = "Start jload's built-in target server on 127.0.0.1 for this run; "
            + "the script gets its URLs as __ENV.TARGET (ws://…), __ENV.TARGET_HTTP (http://…) and "
            + "__ENV.TARGET_SIO (its Socket.IO server, http://…), and a valid presence token as __ENV.SANDBOX_TOKEN. A script that uses Redis "
            + "gets __ENV.REDIS_URL (REDIS_URL if set, else a redis-server of the run's own) and __ENV.REDIS_CHANNEL, the channel that feeds "
            + "the sandbox's rooms. Your own -e values win.")
    boolean sandbox;

    @picocli.CommandLine.Mixin
    jload.engine.sandbox.SocketIoLimitOptions sandboxSocketIoLimits = new jload.engine.sandbox.SocketIoLimitOptions();

    @Option(names = "--insecure-skip-tls-verify", description = "Accept any TLS certificate (wss:// to self-signed targets).")
    boolean insecureSkipTlsVerify;

    @Option(names = "--allow-read", paramLabel = "DIR", description = "Let the script read files under DIR too (repeatable).")
    List<Path> allowRead = new ArrayList<>();

    @Override
    public Integer call() {
        Screen screen = new Screen(System.err, Terminal.stderrIsTty());
        Log log = new Log(screen, quiet, verbose);
        ScriptRuntime runtime = null;
        TestRunner runner = null;
        Outputs outs = null;
        SandboxRun target = null;
        try {
            Map<String, String> scriptEnv = new LinkedHashMap<>();
            if (includeSystemEnv) scriptEnv.putAll(System.getenv());
            if (!sandbox && sandboxSocketIoLimits.any()) {
                throw new ConfigException("--sio-* options set the built-in target's caps: they need --sandbox");
            }
            List<Path> roots = new ArrayList<>();
            roots.add(script.toAbsolutePath().normalize().getParent());
            roots.addAll(allowRead);
            jload.engine.script.ScriptNeeds needs = jload.engine.script.ScriptNeeds.of(script, roots);
            if (sandbox) {
                Map<String, String> given = new LinkedHashMap<>(scriptEnv);
                given.putAll(env);
                target = SandboxRun.start(sandboxSocketIoLimits.limits(), needs, given, log::info);
                scriptEnv.putAll(target.variables());
            }
            scriptEnv.putAll(env);
            SummaryMode mode = summaryMode();
            CliOverrides overrides = cliOverrides().over(CliOverrides.fromEnvironment(System.getenv()));

            // From here a stop signal is handled: init code (the options-reading one included) is cancelled.
            RunControl control = new RunControl();
            InitStopper inits = new InitStopper();
            Signals.onInterrupt(control, log, inits::stopAll);
            runtime = ScriptLoader.load(script, roots, scriptEnv, log, inits);
            TestPlan plan = PlanBuilder.build(script, runtime.options(), overrides, scriptEnv, runtime.exportedFunctions(), log::warn);

            if (runtime.usesWebSockets()) {
                String tooFewFiles = OpenFileLimit.warning(plan.initialVus(), OpenFileLimit.ofThisProcess());
                if (tooFewFiles != null) log.warn(tooFewFiles);
            }

            MetricRegistry registry = new MetricRegistry();
            registry.onNotice(log::warn);
            java.time.Duration every = intervalDuration();
            Map<String, Object> run = runInfo(plan);
            outs = Outputs.open(outputs, plan.thresholds(), System.getenv(), every, run);
            registry.setListener(outs.sampleListener());
            // The dashboard judges thresholds on the runner's clock, as the runner does (0 until the runner exists).
            TestRunner[] judgedBy = new TestRunner[1];
            String dashboardUrl = dashboardWanted() ? outs.openDashboard(dashboardHost(), dashboardPort(), run, every,
                    new jload.engine.exec.ThresholdJudge(registry, plan.thresholdsEnabled() ? plan.thresholds() : List.of()),
                    () -> judgedBy[0] == null ? 0 : judgedBy[0].context().elapsedSeconds()) : null;
            if (dashboardUrl != null) log.info("dashboard: " + dashboardUrl);
            Protocols protocols = new Protocols(insecureSkipTlsVerify, plan.http());
            runner = new TestRunner(plan, runtime, registry, control, protocols, log::error, log::warn);
            judgedBy[0] = runner;
            if (!quiet) printBanner(screen, plan);
            runner.initialize();
            inits.endInitialisation();
            if (runtime.usesWebSockets() && !control.isStopped()) {
                var took = protocols.warmUpWebSockets(target == null ? null : target.server().wsBase().resolve("/ws/echo"),
                        scriptWarmup(runtime, protocols, control, log));
                log.debug("WebSocket client warmed up in " + took.toMillis() + " ms (before the test: not measured)");
            }
            if (needs.http() && !control.isStopped()) {
                log.debug("HTTP client warmed up in " + protocols.warmUpHttp().toMillis() + " ms (before the test: not measured)");
            }

            TestRunner r = runner;
            Progress progress = quiet ? null : new Progress(screen, r::scenarioRuns,
                    () -> r.pool().active(), () -> r.pool().initialized());
            if (progress != null) progress.start();
            RunResult result;
            List<jload.engine.timeline.TimelineListener> timeline = outs.timelineListeners();
            // Intervals are only cut for an output that takes them; the event loops are always watched, for the warning.
            jload.engine.timeline.StallRecorder stalls = jload.engine.timeline.StallRecorder.start(timeline, protocols.loops().group());
            long testStart = System.currentTimeMillis();
            jload.engine.timeline.IntervalSampler sampler = timeline.isEmpty() ? null
                    : jload.engine.timeline.IntervalSampler.start(registry, every, timeline, log::warn);
            try {
                result = runner.run();
            } finally {
                if (progress != null) progress.stop();
                if (sampler != null) sampler.close();
                stalls.close();
            }
            if (result.stopReason() != null) log.warn(result.stopReason().description + ": " + result.stopDetail());
            if (result.teardownFailure() instanceof ScriptFailure f) log.error(f.describe());
            else if (result.teardownFailure() != null) log.error(result.teardownFailure().getMessage());
            if (result.markedFailed() != null) log.error("the script marked the test as failed: " + result.markedFailed());
            reportErrors(log, runner);
            warnAboutOversizedMessages(log, runner.context().builtins().wsErrors);
            String pauses = result.gcPauses().describe();
            if (pauses != null) log.warn(pauses);
            String lag = jload.engine.timeline.LoopLagReport.describe(stalls.stalls(), testStart);
            if (lag != null) log.warn(lag);

            SummaryData.Inputs inputs = new SummaryData.Inputs(registry, plan.summaryTrendStats(), plan.thresholds(),
                    result.thresholds(), result.elapsedSeconds(), Terminal.stdoutIsTty(), Terminal.stderrIsTty(), noColor,
                    result.setupData());
            var data = SummaryData.build(inputs);
            outs.finish(data);
            outs.close(log::error);
            outs = null;
            boolean written = true;
            if (!summaryDisabled()) {
                TestRunner finished = runner;
                written = new EndOfTest(System.out, log).write(data, mode,
                        finished.hasHandleSummary() ? finished::handleSummary : null, summaryExport);
            }
            if (result.thresholds() != null && result.thresholds().anyFailed() && result.stopReason() == null) {
                log.error("thresholds on metrics '" + String.join(", ", result.thresholds().breachedKeys()) + "' have been crossed");
            }
            int code = result.exitCode();
            return code == ExitCode.OK && !written ? ExitCode.SCRIPT_EXCEPTION : code;
        } catch (ConfigException e) {
            log.error(e.getMessage());
            return ExitCode.INVALID_CONFIG;
        } catch (LifecycleTimeout e) {
            log.error(e.getMessage());
            return e.exitCode();
        } catch (ScriptFailure e) {
            if (e.kind() == ScriptFailure.Kind.INTERRUPTED) {
                log.warn("stopped while initialising the VUs; nothing was run");
                return ExitCode.STOPPED_BY_SIGNAL;
            }
            log.error(e.describe());
            return e.kind() == ScriptFailure.Kind.ABORT ? ExitCode.SCRIPT_ABORTED : ExitCode.SCRIPT_EXCEPTION;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return StopReason.SIGNAL.exitCode;
        } finally {
            if (outs != null) outs.close(log::error);
            if (runner != null) runner.close();
            if (runtime != null) runtime.close();
            if (target != null) target.close();
        }
    }

    /** k6: --no-summary (or summary mode "disabled") skips handleSummary and --summary-export too. */
    private boolean summaryDisabled() {
        return noSummary || "disabled".equals(summaryMode);
    }

    private SummaryMode summaryMode() {
        if (summaryMode == null || summaryMode.equals("disabled")) return SummaryMode.COMPACT;
        try {
            return SummaryMode.parse(summaryMode);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("--summary-mode: '" + summaryMode + "' is not a summary mode; expected compact, full or disabled");
        }
    }

    private CliOverrides cliOverrides() {
        return new CliOverrides(vus,
                duration == null ? null : K6Duration.parse(duration, "--duration"),
                iterations,
                stages == null ? null : stages.stream().map(String::trim).map(Stage::parseFlag).toList(),
                Map.copyOf(tags), summaryTrendStats, noThresholds, throwErrors);
    }

    /**
     * What warms the script's WebSocket modules up against the client's warm-up echo ({@link jload.engine.exec.ScriptWarmup});
     * null with {@code -Djload.warmup.scripts=false}, which leaves them cold (bench/first-second.sh compares).
     */
    private static java.util.function.Consumer<java.net.URI> scriptWarmup(ScriptRuntime scripts, Protocols protocols, RunControl control, Log log) {
        if ("false".equals(System.getProperty("jload.warmup.scripts"))) return null;
        return echo -> {
            try {
                var done = jload.engine.exec.ScriptWarmup.run(scripts, protocols, echo, java.time.Duration.ofSeconds(3), control::isStopped);
                if (done.iterations() > 0) log.debug("the script's WebSocket modules warmed up in " + done.took().toMillis() + " ms ("
                        + done.iterations() + " iterations of jload's own scripts, " + done.echoes() + " echoes; before the test: not measured)");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
    }

    private boolean dashboardWanted() {
        return dashboard || "true".equalsIgnoreCase(System.getenv("JLOAD_DASHBOARD")) || "true".equalsIgnoreCase(System.getenv("K6_WEB_DASHBOARD"));
    }

    private String dashboardHost() {
        if (dashboardHost != null) return dashboardHost;
        String env = System.getenv("K6_WEB_DASHBOARD_HOST");
        return env == null || env.isBlank() ? "127.0.0.1" : env;
    }

    private int dashboardPort() {
        if (dashboardPort != null) return dashboardPort;
        String env = System.getenv("K6_WEB_DASHBOARD_PORT");
        try {
            return env == null || env.isBlank() ? 5665 : Integer.parseInt(env.trim());
        } catch (NumberFormatException e) {
            throw new ConfigException("K6_WEB_DASHBOARD_PORT=" + env + ": expected a port number");
        }
    }

    private java.time.Duration intervalDuration() {
        java.time.Duration d = K6Duration.parse(interval, "--interval");
        if (d.toMillis() < 100) throw new ConfigException("--interval " + interval + ": expected at least 100ms");
        return d;
    }

    /** What the interval outputs record about the run: the script, its scenarios and what ran it. */
    private Map<String, Object> runInfo(TestPlan plan) {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("script", script.toString());
        info.put("scenarios", plan.scenarios().stream().map(sc -> sc.name() + ": " + sc.describe()).toList());
        info.put("jload", VersionCommand.jloadVersion());
        info.put("java", System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")");
        info.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        info.put("cores", Runtime.getRuntime().availableProcessors());
        info.put("started", java.time.Instant.now().toString());
        return info;
    }

    private void printBanner(Screen screen, TestPlan plan) {
        int maxVus = plan.scenarios().stream().mapToInt(s -> s.maxVus()).sum();
        screen.println("");
        screen.println("     execution: local (jload " + VersionCommand.jloadVersion() + ")");
        screen.println("        script: " + script);
        if (!outputs.isEmpty()) screen.println("        output: " + String.join(", ", outputs));
        screen.println("");
        screen.println(String.format(java.util.Locale.ROOT,
                "     scenarios: (100.00%%) %d scenario%s, %d max VUs, %s max duration (incl. graceful stop):",
                plan.scenarios().size(), plan.scenarios().size() == 1 ? "" : "s", maxVus, K6Duration.format(plan.maxDuration())));
        for (var s : plan.scenarios()) {
            String start = s.common().startTime().isZero() ? "" : ", startTime: " + K6Duration.format(s.common().startTime());
            screen.println("              * " + s.name() + ": " + s.describe().replaceFirst("\\)$", start + ")"));
        }
        screen.println("");
    }

    private static void reportErrors(Log log, TestRunner runner) {
        for (var e : runner.errors().entries()) {
            if (e.count() > 1) log.warn(e.message() + " — " + e.count() + " times at " + e.where());
        }
    }

    /** Said once, after the run: an incoming message over maxMessageSize closed its connection. */
    private static void warnAboutOversizedMessages(Log log, jload.engine.metrics.Metric wsErrors) {
        double count = wsErrors.snapshot(java.util.Map.of("kind", "message_too_big")).sum();
        if (count > 0) {
            log.warn(String.format(java.util.Locale.ROOT, "%.0f incoming WebSocket message%s larger than maxMessageSize: jload closed "
                    + "%s connection%s with 1009 (ws_errors{kind:message_too_big}). If such messages are expected, raise "
                    + "maxMessageSize in ws.connect's options (default 16 MiB)", count, count == 1 ? " was" : "s were",
                    count == 1 ? "its" : "their", count == 1 ? "" : "s"));
        }
    }
}
