package jload.engine.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import jload.engine.output.Log;
import jload.engine.output.Screen;
import jload.engine.plan.CliOverrides;
import jload.engine.plan.ConfigException;
import jload.engine.plan.K6Duration;
import jload.engine.plan.PlanBuilder;
import jload.engine.plan.TestPlan;
import jload.engine.script.ScriptFailure;
import jload.engine.script.ScriptLoader;
import jload.engine.script.ScriptRuntime;
import jload.engine.thresholds.MetricThresholds;
import jload.engine.thresholds.Threshold;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jload inspect SCRIPT}: the resolved plan, without sending anything. */
@Command(name = "inspect", description = "Show the resolved test plan of a script: scenarios, VUs, durations, thresholds.")
public final class InspectCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SCRIPT")
    Path script;

    @Option(names = {"-e", "--env"}, paramLabel = "K=V", description = "A variable for the script's __ENV (repeatable).")
    Map<String, String> env = new LinkedHashMap<>();

    /**
     * As a run does after VU init: every threshold names a metric that exists — built in, or created
     * by the init code (as it ran to read the options) — with an aggregation its type has.
     */
    private static void checkThresholdMetrics(TestPlan plan, ScriptRuntime runtime) {
        jload.engine.metrics.MetricRegistry registry = new jload.engine.metrics.MetricRegistry();
        new jload.engine.metrics.BuiltinMetrics(registry);
        jload.engine.proto.scrape.TargetScraper.registerGauges(plan.scrapes(), registry);
        for (var m : runtime.declaredMetrics()) {
            try {
                registry.registerCustom(m.name(), m.type(), m.kind());
            } catch (IllegalArgumentException e) {
                throw new ConfigException(e.getMessage());
            }
        }
        new jload.engine.exec.ThresholdJudge(registry, plan.thresholds()).validate();
    }

    @Override
    public Integer call() {
        Log log = new Log(new Screen(System.err, false), false, false);
        Map<String, String> scriptEnv = new LinkedHashMap<>(System.getenv());
        scriptEnv.putAll(env);
        try (ScriptRuntime runtime = ScriptLoader.load(script, List.of(script.toAbsolutePath().normalize().getParent()), scriptEnv, log)) {
            TestPlan plan = PlanBuilder.build(script, runtime.options(), CliOverrides.fromEnvironment(System.getenv()), scriptEnv, runtime.exportedFunctions(), log::warn);
            checkThresholdMetrics(plan, runtime);
            System.out.println("script: " + script);
            System.out.println("max duration (incl. graceful stop): " + K6Duration.format(plan.maxDuration()));
            System.out.println("VUs initialised before the start: " + plan.initialVus());
            System.out.println("scenarios:");
            for (var s : plan.scenarios()) {
                System.out.println("  " + s.name() + " (" + s.common().executor() + ", exec: " + s.common().exec()
                        + (s.common().startTime().isZero() ? "" : ", startTime: " + K6Duration.format(s.common().startTime())) + ")");
                System.out.println("    " + s.describe());
            }
            System.out.println("thresholds:" + (plan.thresholds().isEmpty() ? " none" : plan.thresholdsEnabled() ? "" : " (disabled)"));
            for (MetricThresholds mt : plan.thresholds()) {
                for (Threshold t : mt.thresholds()) {
                    System.out.println("  " + mt.selector().key() + ": " + t.expression().source()
                            + (t.abortOnFail() ? " (abortOnFail" + t.delayAbortEval().map(d -> ", after " + K6Duration.format(d)).orElse("") + ")" : ""));
                }
            }
            System.out.println("summary trend stats: " + String.join(", ", plan.summaryTrendStats()));
            System.out.println("exported functions: " + String.join(", ", runtime.exportedFunctions()));
            return ExitCode.OK;
        } catch (ConfigException e) {
            log.error(e.getMessage());
            return ExitCode.INVALID_CONFIG;
        } catch (ScriptFailure e) {
            log.error(e.describe());
            return ExitCode.SCRIPT_EXCEPTION;
        }
    }
}
