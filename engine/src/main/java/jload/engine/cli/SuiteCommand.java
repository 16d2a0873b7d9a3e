package jload.engine.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jload.engine.plan.ConfigException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code jload suite CONFIG.json --out DIR [--label L]}: seed 001's suite runner. Runs the config's scenarios in order
 * (each a {@code jload run} of its own, in this process), writes each one's summary export as {@code DIR/<name>.json}
 * and {@code suite-summary.json} with every verdict, snapshots the target's metrics page (when the config names one)
 * before the suite, after each scenario and after the suite, and exits non-zero if any scenario failed: 99 when every
 * failure was a crossed threshold, else the first other code. Each failed threshold is printed with what was observed.
 */
@Command(name = "suite", description = "Run a suite of scenarios from a JSON config, with verdicts and metrics snapshots (seed 001's runner).")
public final class SuiteCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "CONFIG", description = "The suite's JSON config: env, args, metricsUrl, scenarios (docs/scenarios.md).")
    Path config;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where the results go (made if missing).")
    Path out;

    @Option(names = "--label", paramLabel = "L", description = "Prefix of the snapshot files, as the seed names them: L-before-suite-metrics.txt, …")
    String label;

    @Option(names = {"-e", "--env"}, paramLabel = "KEY=VALUE",
            description = "An -e value for every scenario, over the config's (for secrets that do not belong in the file).")
    Map<String, String> shellEnv = new LinkedHashMap<>();

    @Option(names = "--sandbox", description = "Start jload's built-in target once for the whole suite (as seed 001's suite runs against one "
            + "gateway): every scenario gets its TARGET* variables, and a Redis and MongoDB when one needs them; its /metrics page is "
            + "snapshotted unless the config names a metricsUrl. The config's and -e values win.")
    boolean sandbox;

    @picocli.CommandLine.Mixin
    jload.engine.sandbox.SocketIoLimitOptions sandboxSocketIoLimits = new jload.engine.sandbox.SocketIoLimitOptions();

    @Spec
    CommandSpec spec;

    private static final Pattern THRESHOLD = Pattern.compile("^\\s*([a-z]+(?:\\([0-9.]+\\))?)\\s*(<=|>=|==|!=|<|>)\\s*(.+?)\\s*$");

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr(), stdout = spec.commandLine().getOut();
        SuiteConfig suite;
        try {
            suite = SuiteConfig.read(config);
            Files.createDirectories(out);
        } catch (ConfigException e) {
            err.println("jload suite: " + e.getMessage());
            err.flush();
            return ExitCode.INVALID_CONFIG;
        } catch (IOException e) {
            err.println("jload suite: --out " + out + ": cannot be made (" + e.getMessage() + ")");
            err.flush();
            return ExitCode.INVALID_CONFIG;
        }
        try {
            if (!sandbox && sandboxSocketIoLimits.any()) throw new ConfigException("--sio-* options set the built-in target's caps: they need --sandbox");
        } catch (ConfigException e) {
            err.println("jload suite: " + e.getMessage());
            err.flush();
            return ExitCode.INVALID_CONFIG;
        }
        if (!sandbox) return run(suite, Map.of(), suite.metricsUrl());
        try (jload.engine.sandbox.SandboxRun target = startSandbox(suite, stdout)) {
            String metricsUrl = suite.metricsUrl() != null ? suite.metricsUrl() : target.variables().get("TARGET_HTTP") + "/metrics";
            return run(suite, target.variables(), metricsUrl);
        } catch (ConfigException e) {
            err.println("jload suite: " + e.getMessage());
            err.flush();
            return ExitCode.INVALID_CONFIG;
        }
    }

    /** One sandbox for every scenario, with a Redis or MongoDB when any of them needs one; a scenario's own --sandbox is refused. */
    private jload.engine.sandbox.SandboxRun startSandbox(SuiteConfig suite, PrintWriter stdout) {
        boolean redis = false, mongo = false, http = false;
        for (SuiteConfig.Scenario s : suite.scenarios()) {
            if (s.args().contains("--sandbox") || suite.args().contains("--sandbox")) {
                throw new ConfigException(config + ": scenario " + s.name() + " asks for --sandbox in its args: the suite's --sandbox already serves every scenario");
            }
            jload.engine.script.ScriptNeeds needs = jload.engine.script.ScriptNeeds.of(s.script(), List.of(s.script().toAbsolutePath().getParent()));
            redis |= needs.redis();
            mongo |= needs.mongo();
            http |= needs.http();
        }
        Map<String, String> given = new LinkedHashMap<>(System.getenv());
        given.putAll(suite.env());
        given.putAll(shellEnv);
        return jload.engine.sandbox.SandboxRun.start(sandboxSocketIoLimits.limits(), new jload.engine.script.ScriptNeeds(redis, mongo, http), given,
                line -> {
                    stdout.println("jload suite: " + line);
                    stdout.flush();
                });
    }

    /** Runs every scenario in order; {@code targetEnv} (the sandbox's variables) goes under the config's env. */
    private int run(SuiteConfig suite, Map<String, String> targetEnv, String metricsUrl) {
        PrintWriter err = spec.commandLine().getErr(), stdout = spec.commandLine().getOut();
        ObjectMapper json = new ObjectMapper();
        ObjectNode summary = json.createObjectNode();
        summary.put("label", label);
        summary.put("config", config.toAbsolutePath().toString());
        ObjectNode snapshots = summary.putObject("snapshots");
        ArrayNode snapshotErrors = summary.putArray("snapshotErrors");
        ArrayNode results = summary.putArray("scenarios");
        snapshot(metricsUrl, "before-suite", snapshots, snapshotErrors);
        List<String> lines = new ArrayList<>();
        int firstOther = 0;
        int failed = 0;
        for (SuiteConfig.Scenario s : suite.scenarios()) {
            Path export = out.resolve(s.name() + ".json");
            stdout.println("jload suite: " + s.name() + " (" + s.script() + ")");
            stdout.flush();
            long started = System.nanoTime();
            int code = Main.execute(runArgs(suite, s, export, targetEnv, shellEnv));
            long tookMs = (System.nanoTime() - started) / 1_000_000;
            ObjectNode r = results.addObject();
            r.put("name", s.name()).put("script", s.script().toString()).put("exitCode", code).put("passed", code == ExitCode.OK)
                    .put("durationMs", tookMs).put("summary", Files.isRegularFile(export) ? export.getFileName().toString() : null);
            List<String> crossed = crossed(export, json);
            r.putArray("failedThresholds").addAll(crossed.stream().map(json.getNodeFactory()::textNode).toList());
            snapshot(metricsUrl, "after-" + s.name(), snapshots, snapshotErrors);
            if (code != ExitCode.OK) {
                failed++;
                if (code != ExitCode.THRESHOLDS_FAILED && firstOther == 0) firstOther = code;
            }
            lines.add((code == ExitCode.OK ? "  ✓ " : "  ✗ ") + s.name() + "  exit " + code
                    + (crossed.isEmpty() ? "" : "  " + String.join("; ", crossed)));
        }
        snapshot(metricsUrl, "after-suite", snapshots, snapshotErrors);
        summary.put("passed", failed == 0);
        try {
            Files.writeString(out.resolve("suite-summary.json"), summary.toPrettyString() + "\n");
        } catch (IOException e) {
            err.println("jload suite: " + out.resolve("suite-summary.json") + ": cannot be written (" + e.getMessage() + ")");
        }
        stdout.println();
        stdout.println("jload suite: " + suite.scenarios().size() + " scenarios, " + (suite.scenarios().size() - failed) + " passed, "
                + failed + " failed; results in " + out);
        lines.forEach(stdout::println);
        snapshotErrors.forEach(e -> err.println("jload suite: metrics snapshot: " + e.asText()));
        stdout.flush();
        err.flush();
        if (failed == 0) return ExitCode.OK;
        return firstOther != 0 ? firstOther : ExitCode.THRESHOLDS_FAILED;
    }

    private static String[] runArgs(SuiteConfig suite, SuiteConfig.Scenario s, Path export, Map<String, String> targetEnv,
                                    Map<String, String> shellEnv) {
        List<String> args = new ArrayList<>(List.of("run", "--summary-export", export.toString()));
        args.addAll(suite.args());
        args.addAll(s.args());
        Map<String, String> env = new LinkedHashMap<>(targetEnv);
        env.putAll(suite.env());
        env.putAll(s.env());
        env.putAll(shellEnv);
        env.forEach((k, v) -> {
            args.add("-e");
            args.add(k + "=" + v);
        });
        args.add(s.script().toString());
        return args.toArray(String[]::new);
    }

    /** The thresholds a run's export marks as crossed, each as "metric: expression crossed (observed v)". */
    private static List<String> crossed(Path export, ObjectMapper json) {
        List<String> out = new ArrayList<>();
        if (!Files.isRegularFile(export)) return out;
        JsonNode metrics;
        try {
            metrics = json.readTree(Files.readString(export)).path("metrics");
        } catch (IOException e) {
            return out;
        }
        metrics.properties().forEach(m -> m.getValue().path("thresholds").properties().forEach(t -> {
            if (!t.getValue().asBoolean()) return; // the export marks a crossed threshold true, as k6's
            Matcher x = THRESHOLD.matcher(t.getKey());
            String observed = "";
            if (x.matches()) {
                String stat = x.group(1).equals("rate") ? "value" : x.group(1);
                JsonNode v = m.getValue().path(stat);
                if (v.isNumber()) observed = " (observed " + trim(v.asDouble()) + ")";
            }
            out.add(m.getKey() + ": " + t.getKey() + " crossed" + observed);
        }));
        return out;
    }

    private static String trim(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : new java.math.BigDecimal(v).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
    }

    /** The metrics page as it came, to {@code [label-]stage-metrics.txt} (for jload diff); a failure is noted, not fatal. */
    private void snapshot(String url, String stage, ObjectNode snapshots, ArrayNode errors) {
        if (url == null) return;
        String file = (label == null || label.isBlank() ? "" : label + "-") + stage + "-metrics.txt";
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (page.statusCode() != 200) {
                errors.add(stage + ": status " + page.statusCode());
                return;
            }
            Files.writeString(out.resolve(file), page.body());
            snapshots.put(stage, file);
        } catch (IllegalArgumentException e) {
            errors.add(stage + ": metricsUrl is not an http(s) URL this client can read"); // its text may hold credentials
        } catch (IOException e) {
            errors.add(stage + ": " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            errors.add(stage + ": interrupted");
        }
    }
}
