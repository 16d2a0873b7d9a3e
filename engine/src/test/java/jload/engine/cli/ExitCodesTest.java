package jload.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** k6's exit codes, and the one clear message that comes with each failure. */
class ExitCodesTest {
    @TempDir
    Path dir;

    private Jload.Result run(String script, String... flags) {
        return Jload.runScript(dir, script, flags);
    }

    @Test
    void passingThresholdsExitZeroAndShowATick() {
        Jload.Result r = run("""
                import { check } from 'k6';
                export const options = { iterations: 5, thresholds: { checks: ['rate==1'], iterations: ['count==5'] } };
                export default function () { check(1, { 'one is one': (x) => x === 1 }); }
                """);
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.stdout().contains("✓ 'rate==1'"), r::toString);
        assertTrue(r.stdout().contains("✓ one is one"), r::toString);
    }

    @Test
    void failingThresholdsExit99AndNameTheMetric() {
        Jload.Result r = run("""
                import { check } from 'k6';
                export const options = { iterations: 4, thresholds: { checks: ['rate>0.9'] } };
                export default function () { check(__ITER, { 'never': () => false }); }
                """);
        assertEquals(99, r.exitCode(), r::toString);
        assertTrue(r.stdout().contains("✗ 'rate>0.9'"), r::toString);
        assertTrue(r.stderr().contains("thresholds on metrics 'checks' have been crossed"), r::toString);
    }

    @Test
    void noThresholdsFlagSkipsJudging() {
        Jload.Result r = run("""
                export const options = { iterations: 1, thresholds: { iterations: ['count>100'] } };
                export default function () {}
                """, "--no-thresholds");
        assertEquals(0, r.exitCode(), r::toString);
    }

    @Test
    void abortOnFailStopsTheRunEarlyWithExit99() {
        long start = System.nanoTime();
        Jload.Result r = run("""
                import { sleep } from 'k6';
                import { Counter } from 'k6/metrics';
                const bad = new Counter('bad_things');
                export const options = { vus: 2, duration: '30s',
                  thresholds: { bad_things: [{ threshold: 'count<3', abortOnFail: true }] } };
                export default function () { bad.add(1); sleep(0.1); }
                """);
        double seconds = (System.nanoTime() - start) / 1e9;
        assertEquals(99, r.exitCode(), r::toString);
        assertTrue(seconds < 15, "the run should stop within a few seconds of the breach, took " + seconds);
        assertTrue(r.stdout().contains("TOTAL RESULTS"), "the summary is still printed\n" + r);
    }

    @Test
    void aRateJudgedDuringTheRunCountsFromTheTestStartNotFromVuInitialisation() {
        // ~10 increments/s against rate>4, judged every second from 1 s on. Timed from before the
        // 3 s init, the rate would read 10 t / (t + 3): below 4 until t = 2 s, and abort the run.
        Jload.Result r = run("""
                import { sleep } from 'k6';
                import { Counter } from 'k6/metrics';
                const started = Date.now();
                while (Date.now() - started < 3000) { /* a slow init context */ }
                const ticks = new Counter('ticks');
                export const options = { vus: 1, duration: '4s',
                  thresholds: { ticks: [{ threshold: 'rate>4', abortOnFail: true, delayAbortEval: '1s' }] } };
                export default function () { ticks.add(1); sleep(0.1); }
                """);
        assertEquals(0, r.exitCode(), r::toString);
        assertFalse(r.stderr().contains("have been crossed"), r::toString);
    }

    @Test
    void syntaxErrorExits107WithFileLineAndColumn() {
        Jload.Result r = run("""
                export default function () {
                  let x = ;
                }
                """);
        assertEquals(107, r.exitCode(), r::toString);
        assertTrue(r.stderr().matches("(?s).*test\\.js:2:\\d+.*"), r::toString);
        assertFalse(r.stderr().contains("\tat org.graalvm"), "no Java stack trace\n" + r);
        assertFalse(r.stderr().contains("Exception"), "no Java exception names\n" + r);
    }

    @Test
    void exceptionInInitCodeExits107() {
        Jload.Result r = run("""
                const config = JSON.parse('{not json');
                export default function () {}
                """);
        assertEquals(107, r.exitCode(), r::toString);
        assertTrue(r.stderr().contains("test.js:1:"), r::toString);
    }

    @Test
    void exceptionsInIterationsAreCountedAndTheRunGoesOn() {
        Jload.Result r = run("""
                import { Counter } from 'k6/metrics';
                const reached = new Counter('reached');
                export const options = { iterations: 6 };
                export default function () {
                  reached.add(1);
                  if (__ITER % 2 === 0) throw new Error('boom on even iterations');
                }
                """);
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.stderr().contains("Error: boom on even iterations"), r::toString);
        assertTrue(r.stderr().contains("test.js:6:"), r::toString);
        assertEquals(1, r.stderr().lines().filter(l -> l.startsWith("ERRO") && l.contains("boom")).count(),
                "printed once as it happens (then counted)\n" + r);
        assertTrue(r.stderr().contains("Error: boom on even iterations — 3 times at"), r::toString);
        assertTrue(r.stdout().matches("(?s).*reached\\.*: 6\\s.*"), r::toString);
    }

    @Test
    void testAbortExits108() {
        Jload.Result r = run("""
                import exec from 'k6/execution';
                export const options = { vus: 1, duration: '20s' };
                export default function () { if (__ITER === 2) exec.test.abort('enough'); }
                """);
        assertEquals(108, r.exitCode(), r::toString);
        assertTrue(r.stderr().contains("enough"), r::toString);
    }

    @Test
    void badScriptOptionExits104NamingTheOption() {
        Jload.Result r = run("""
                export const options = { vus: 'many', duration: '1s' };
                export default function () {}
                """);
        assertEquals(104, r.exitCode(), r::toString);
        assertTrue(r.stderr().contains("options.vus"), r::toString);
        assertTrue(r.stderr().contains("whole number"), r::toString);
    }

    @Test
    void unknownExecutorExits104() {
        Jload.Result r = run("""
                export const options = { scenarios: { x: { executor: 'constant-vu', vus: 1, duration: '1s' } } };
                export default function () {}
                """);
        assertEquals(104, r.exitCode(), r::toString);
        assertTrue(r.stderr().contains("options.scenarios.x.executor"), r::toString);
        assertTrue(r.stderr().contains("constant-vus"), "lists the executors\n" + r);
    }

    @Test
    void invalidThresholdExits104() {
        Jload.Result r = run("""
                export const options = { iterations: 1, thresholds: { iteration_duration: ['p95 < 200'] } };
                export default function () {}
                """);
        assertEquals(104, r.exitCode(), r::toString);
        assertTrue(r.stderr().contains("p95 < 200"), r::toString);
    }

    @Test
    void thresholdOnAMetricThatDoesNotExistExits104() {
        Jload.Result r = run("""
                export const options = { iterations: 1, thresholds: { http_req_durration: ['p(95)<200'] } };
                export default function () {}
                """);
        assertEquals(104, r.exitCode(), r::toString);
        assertTrue(r.stderr().contains("http_req_durration"), r::toString);
    }

    @Test
    void badFlagExits104() {
        Jload.Result r = run("export default function () {}", "--duration", "banana");
        assertEquals(104, r.exitCode(), r::toString);
        assertTrue(r.stderr().contains("--duration"), r::toString);
        Jload.Result unknown = run("export default function () {}", "--vuz", "3");
        assertEquals(104, unknown.exitCode(), unknown::toString);
    }

    @Test
    void missingScriptExits107() {
        Jload.Result r = Jload.run("run", "-q", dir.resolve("nope.js").toString());
        assertEquals(107, r.exitCode(), r::toString);
        assertTrue(r.stderr().contains("nope.js"), r::toString);
    }
}
