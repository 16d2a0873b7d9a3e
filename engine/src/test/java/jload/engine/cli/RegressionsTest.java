package jload.engine.cli;

import static jload.engine.cli.Jload.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Behaviour that once was wrong, and the k6 semantics around it. */
class RegressionsTest {
    @TempDir
    Path dir;

    private Jload.Result run(String script, String... flags) {
        return Jload.runScript(dir, script, flags);
    }

    @Test
    @Timeout(60)
    void vusThatNeverBlockStillStopOnTime() {
        // More VUs than cores, iterations that never block: virtual threads are not preempted, so
        // nothing that ends the scenario may depend on a VU giving up its carrier.
        int vus = Runtime.getRuntime().availableProcessors() * 2;
        long start = System.nanoTime();
        Jload.Result r = run("export default function () { let x = 0; for (let i = 0; i < 1000; i++) x += i; }",
                "-u", String.valueOf(vus), "-d", "1s");
        double seconds = (System.nanoTime() - start) / 1e9;
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(seconds < 30, "took " + seconds + " s");
        assertTrue(r.stdout().contains("vus..................: " + vus) || r.stdout().contains("max=" + vus), r::toString);
    }

    @Test
    void scenarioEnvIsLaidOverTheRunsVariables() {
        Jload.Result r = run("""
                import { check } from 'k6';
                export const options = {
                  scenarios: {
                    a: { executor: 'shared-iterations', iterations: 2, env: { WHO: 'a' } },
                    b: { executor: 'shared-iterations', iterations: 2, exec: 'other' },
                  },
                  thresholds: { checks: ['rate==1'] },
                };
                export default function () {
                  check(__ENV, { 'scenario env wins': (e) => e.WHO === 'a', 'run env stays': (e) => e.BASE === 'x' });
                }
                export function other() {
                  check(__ENV, { 'other scenario sees the run env': (e) => e.WHO === 'run' && e.BASE === 'x' });
                }
                """, "-e", "WHO=run", "-e", "BASE=x");
        assertEquals(0, r.exitCode(), r::toString);
    }

    @Test
    void aScenarioWhoseExecIsNotExportedIsRejectedBeforeTheRun() {
        Jload.Result r = run("""
                export const options = { scenarios: { s: { executor: 'shared-iterations', exec: 'missing' } } };
                export default function () {}
                """);
        assertEquals(104, r.exitCode(), r::toString);
        assertTrue(r.stderr().contains("options.scenarios.s.exec"), r::toString);
        assertTrue(r.stderr().contains("'missing'"), r::toString);
    }

    @Test
    void setupThatRunsTooLongExits100() {
        Jload.Result r = run("""
                import { sleep } from 'k6';
                export const options = { iterations: 1, setupTimeout: '300ms' };
                export function setup() { sleep(20); }
                export default function () {}
                """);
        assertEquals(100, r.exitCode(), r::toString);
        assertTrue(r.stderr().contains("setup() execution timed out after 300ms"), r::toString);
    }

    @Test
    void aFailingTeardownStillLeavesASummaryAndExits107() {
        Jload.Result r = run("""
                export const options = { iterations: 2 };
                export default function () {}
                export function teardown() { throw new Error('cleanup failed'); }
                """);
        assertEquals(107, r.exitCode(), r::toString);
        assertTrue(r.stderr().contains("teardown() failed: Error: cleanup failed"), r::toString);
        assertTrue(r.stdout().contains("TOTAL RESULTS"), r::toString);
    }

    @Test
    void noSummarySkipsHandleSummaryAndTheExport() {
        Path marker = dir.resolve("handled.txt");
        Path export = dir.resolve("export.json");
        Jload.Result r = run("""
                export const options = { iterations: 1 };
                export default function () {}
                export function handleSummary() { return { '%s': 'x' }; }
                """.formatted(marker.toString().replace("\\", "\\\\")), "--no-summary", "--summary-export", export.toString());
        assertEquals(0, r.exitCode(), r::toString);
        assertEquals("", r.stdout());
        assertFalse(Files.exists(marker), "handleSummary must not run");
        assertFalse(Files.exists(export), "no export");
    }

    @Test
    void k6SummaryJslibRendersTextAndJUnit() throws Exception {
        Path junit = dir.resolve("junit.xml");
        Jload.Result r = run("""
                import { textSummary, jUnit } from 'https://jslib.k6.io/k6-summary/0.0.2/index.js';
                export const options = { iterations: 2, thresholds: { iterations: ['count==2', 'count>5'] } };
                export default function () {}
                export function handleSummary(data) {
                  return { stdout: textSummary(data, { indent: ' ', enableColors: false }), '%s': jUnit(data) };
                }
                """.formatted(junit.toString().replace("\\", "\\\\")));
        assertEquals(99, r.exitCode(), r::toString);
        assertTrue(r.stdout().contains("█ THRESHOLDS"), r::toString);
        assertTrue(r.stdout().contains("✗ 'count>5'"), r::toString);
        String xml = Files.readString(junit);
        assertTrue(xml.contains("tests=\"2\" failures=\"1\""), xml);
        assertTrue(xml.contains("<testcase name=\"iterations - count&gt;5\"><failure"), xml);
    }

    @Test
    void sharedArrayElementsAreReadOnly() throws Exception {
        Files.writeString(dir.resolve("d.json"), "[{\"n\":1}]");
        Jload.Result r = run("""
                'use strict';
                import { check } from 'k6';
                import { SharedArray } from 'k6/data';
                const data = new SharedArray('d', () => JSON.parse(open('./d.json')));
                export const options = { iterations: 1, thresholds: { checks: ['rate==1'] } };
                export default function () {
                  let threw = false;
                  try { data[0].n = 2; } catch (e) { threw = true; }
                  check(data[0].n, { 'unchanged': (n) => n === 1, 'assignment throws in strict code': () => threw });
                }
                """);
        assertEquals(0, r.exitCode(), r::toString);
    }

    @Test
    void aGaugeSplitByTagsReportsItsLatestValue() throws Exception {
        Path export = dir.resolve("e.json");
        Jload.Result r = run("""
                import { Gauge } from 'k6/metrics';
                import { sleep } from 'k6';
                const g = new Gauge('depth');
                export const options = { iterations: 1 };
                export default function () { g.add(50, { q: 'a' }); sleep(0.01); g.add(7, { q: 'b' }); }
                """, "--summary-export", export.toString());
        assertEquals(0, r.exitCode(), r::toString);
        var e = r.export(export);
        assertEquals(7, value(e, "depth", "value"));
        assertEquals(50, value(e, "depth", "max"));
    }

    @Test
    void consoleDebugNeedsVerbose() {
        String script = """
                export const options = { iterations: 1 };
                export default function () { console.debug('detail'); console.log('visible'); }
                """;
        Jload.Result quiet = run(script);
        assertFalse(quiet.stderr().contains("detail"), quiet::toString);
        assertTrue(quiet.stderr().contains("visible"), quiet::toString);
        Jload.Result verbose = run(script, "-v");
        assertTrue(verbose.stderr().contains("detail"), verbose::toString);
    }
}
