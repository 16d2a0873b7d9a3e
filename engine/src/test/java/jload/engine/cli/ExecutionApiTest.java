package jload.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** k6/execution: where a VU is, its tags, and the test-wide controls. */
class ExecutionApiTest {
    @TempDir
    Path dir;

    @Test
    void vuTagsAreReadableAndTagLaterSamples() {
        Jload.Result r = Jload.runScript(dir, """
                import exec from 'k6/execution';
                import { check } from 'k6';
                import { Counter } from 'k6/metrics';
                const hits = new Counter('hits');
                export const options = { iterations: 3,
                  thresholds: { 'hits{tier:gold}': ['count==3'], 'hits{tier:none}': ['count==0'], checks: ['rate==1'] } };
                export default function () {
                  check(exec.vu.tags, { 'scenario tag is visible': (t) => t.scenario === 'default' });
                  exec.vu.tags.tier = 'gold';
                  check(exec.vu.tags, { 'own tag is visible': (t) => t.tier === 'gold' && 'tier' in t });
                  hits.add(1);
                }
                """);
        assertEquals(0, r.exitCode(), r::toString);
    }

    @Test
    void jloadsOwnTagsCannotBeOverwritten() {
        Jload.Result r = Jload.runScript(dir, """
                import exec from 'k6/execution';
                export const options = { iterations: 1 };
                export default function () { exec.vu.tags.scenario = 'other'; }
                """);
        assertTrue(r.stderr().contains("the 'scenario' tag is set by jload"), r::toString);
    }

    @Test
    void instanceCountsIterationsAndTime() {
        Jload.Result r = Jload.runScript(dir, """
                import exec from 'k6/execution';
                import { check, sleep } from 'k6';
                export const options = { iterations: 4, thresholds: { checks: ['rate==1'] } };
                export default function () {
                  sleep(0.05);
                  check(exec, {
                    'completed counts earlier iterations': (e) => e.instance.iterationsCompleted === __ITER,
                    'run duration grows': (e) => e.instance.currentTestRunDuration >= 50 * (__ITER + 1),
                    'progress is a fraction': (e) => e.scenario.progress >= 0 && e.scenario.progress <= 1,
                  });
                }
                """);
        assertEquals(0, r.exitCode(), r::toString);
    }

    @Test
    void testFailLetsTheRunFinishAndExits110() {
        Jload.Result r = Jload.runScript(dir, """
                import exec from 'k6/execution';
                import { Counter } from 'k6/metrics';
                const after = new Counter('after_fail');
                export const options = { iterations: 3 };
                export default function () {
                  if (__ITER === 0) exec.test.fail('data looked wrong');
                  after.add(1);
                }
                """);
        assertEquals(110, r.exitCode(), r::toString);
        assertTrue(r.stderr().contains("data looked wrong"), r::toString);
        assertTrue(r.stdout().matches("(?s).*after_fail\\.*: 3\\s.*"), "the run went on\n" + r);
    }
}
