package jload.engine.cli;

import static jload.engine.cli.Jload.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each k6 executor, run through the CLI: VU and iteration counts within tolerances. */
class ExecutorsTest {
    @TempDir
    Path dir;

    /** Runs the script (it must pass) and returns its --summary-export. */
    private JsonNode run(String script, String... flags) {
        Path export = dir.resolve("summary.json");
        String[] all = new String[flags.length + 2];
        all[0] = "--summary-export";
        all[1] = export.toString();
        System.arraycopy(flags, 0, all, 2, flags.length);
        Jload.Result r = Jload.runScript(dir, script, all);
        assertEquals(0, r.exitCode(), r::toString);
        return r.export(export);
    }

    @Test
    void sharedIterationsRunsExactlyTheIterationsAcrossTheVus() {
        JsonNode e = run("""
                import { Counter } from 'k6/metrics';
                const byVu = new Counter('by_vu');
                export const options = { scenarios: { s: { executor: 'shared-iterations', vus: 4, iterations: 40 } } };
                export default function () { byVu.add(1, { vu: String(__VU) }); }
                """);
        assertEquals(40, value(e, "iterations", "count"));
        assertEquals(40, value(e, "by_vu", "count"));
        assertEquals(4, value(e, "vus_max", "value"));
    }

    @Test
    void perVuIterationsGivesEveryVuTheSameNumberOfIterations() {
        // Sub-metric thresholds prove each VU did exactly 5: any other count fails the run.
        JsonNode e = run("""
                import { Counter } from 'k6/metrics';
                const byVu = new Counter('by_vu');
                export const options = {
                  scenarios: { s: { executor: 'per-vu-iterations', vus: 3, iterations: 5 } },
                  thresholds: { 'by_vu{vu:1}': ['count==5'], 'by_vu{vu:2}': ['count==5'], 'by_vu{vu:3}': ['count==5'] },
                };
                export default function () { byVu.add(1, { vu: String(__VU) }); }
                """);
        assertEquals(15, value(e, "iterations", "count"));
    }

    @Test
    void constantVusLoopsForTheDuration() {
        JsonNode e = run("""
                import { sleep } from 'k6';
                export const options = { scenarios: { s: { executor: 'constant-vus', vus: 3, duration: '2s' } } };
                export default function () { sleep(0.1); }
                """);
        double iterations = value(e, "iterations", "count");
        // 3 VUs × 2 s / 0.1 s ≈ 60; generous bounds for a loaded CI machine.
        assertTrue(iterations >= 30 && iterations <= 66, "iterations " + iterations);
        assertEquals(3, value(e, "vus", "max"));
    }

    @Test
    void rampingVusFollowsTheStages() {
        JsonNode e = run("""
                import { sleep } from 'k6';
                export const options = { scenarios: { s: { executor: 'ramping-vus', startVUs: 0,
                  stages: [ { duration: '1s', target: 4 }, { duration: '1s', target: 4 }, { duration: '500ms', target: 0 } ],
                  gracefulRampDown: '1s' } } };
                export default function () { sleep(0.05); }
                """);
        assertEquals(4, value(e, "vus", "max"));
        assertEquals(4, value(e, "vus_max", "value"));
        assertTrue(value(e, "iterations", "count") > 20);
    }

    @Test
    void constantArrivalRateStartsIterationsOnSchedule() {
        JsonNode e = run("""
                export const options = { scenarios: { s: { executor: 'constant-arrival-rate',
                  rate: 20, timeUnit: '1s', duration: '2s', preAllocatedVUs: 4 } } };
                export default function () {}
                """);
        assertEquals(40, value(e, "iterations", "count"), 2);
        assertTrue(e.path("metrics").path("dropped_iterations").isMissingNode(), "nothing should be dropped");
        assertTrue(value(e, "iteration_duration_from_intended", "avg") >= value(e, "iteration_duration", "avg"));
    }

    @Test
    void rampingArrivalRateIntegratesTheRate() {
        JsonNode e = run("""
                export const options = { scenarios: { s: { executor: 'ramping-arrival-rate', startRate: 0, timeUnit: '1s',
                  preAllocatedVUs: 4, stages: [ { duration: '1s', target: 20 }, { duration: '1s', target: 20 } ] } } };
                export default function () {}
                """);
        // ∫ rate = 10 (ramp 0→20 over 1 s) + 20 (hold 1 s) = 30.
        assertEquals(30, value(e, "iterations", "count"), 2);
    }

    @Test
    void arrivalRateDropsIterationsWhenAllVusAreBusyAndMeasuresFromTheIntendedStart() {
        JsonNode e = run("""
                import { sleep } from 'k6';
                export const options = { scenarios: { s: { executor: 'constant-arrival-rate',
                  rate: 20, timeUnit: '1s', duration: '1s', preAllocatedVUs: 2, maxVUs: 2 } } };
                export default function () { sleep(0.5); }
                """);
        double dropped = value(e, "dropped_iterations", "count");
        double done = value(e, "iterations", "count");
        assertTrue(dropped >= 10, "dropped " + dropped);
        assertEquals(20, dropped + done, 2, "every due iteration is either run or dropped");
    }

    @Test
    void arrivalRateGrowsVusInTheBackgroundUpToMaxVus() {
        // 20/s for 2 s; each iteration holds its VU 300 ms, so ~6 VUs are needed and only 1 is pre-allocated.
        JsonNode e = run("""
                import { sleep } from 'k6';
                export const options = { scenarios: { s: { executor: 'constant-arrival-rate',
                  rate: 20, timeUnit: '1s', duration: '2s', preAllocatedVUs: 1, maxVUs: 10 } } };
                export default function () { sleep(0.3); }
                """);
        double done = value(e, "iterations", "count");
        double dropped = e.path("metrics").has("dropped_iterations") ? value(e, "dropped_iterations", "count") : 0;
        assertEquals(40, done + dropped, 2, "every due iteration is either run or dropped");
        assertTrue(dropped <= 15, "only iterations due while new VUs were starting are dropped: " + dropped);
        assertTrue(value(e, "vus_max", "max") >= 6, "VUs were added: " + value(e, "vus_max", "max"));
    }

    @Test
    void scenariosStartAtTheirStartTimeAndRunTheirExecFunction() {
        JsonNode e = run("""
                import { Counter } from 'k6/metrics';
                import exec from 'k6/execution';
                const first = new Counter('first_calls');
                const second = new Counter('second_calls');
                const late = new Counter('second_started_late');
                export const options = { scenarios: {
                  a: { executor: 'shared-iterations', vus: 1, iterations: 3 },
                  b: { executor: 'shared-iterations', vus: 1, iterations: 2, exec: 'other', startTime: '1s', tags: { kind: 'late' } },
                } };
                export default function () { first.add(1); }
                export function other() {
                  second.add(1);
                  if (exec.scenario.name === 'b' && exec.scenario.executor === 'shared-iterations') late.add(1);
                }
                """);
        assertEquals(3, value(e, "first_calls", "count"));
        assertEquals(2, value(e, "second_calls", "count"));
        assertEquals(2, value(e, "second_started_late", "count"));
    }

    @Test
    void cliShortcutsReplaceTheScriptsScenarios() {
        JsonNode e = run("""
                export const options = { scenarios: { s: { executor: 'shared-iterations', vus: 1, iterations: 100 } } };
                export default function () {}
                """, "-u", "2", "-i", "7");
        assertEquals(7, value(e, "iterations", "count"));
        assertEquals(2, value(e, "vus_max", "value"));
    }
}
