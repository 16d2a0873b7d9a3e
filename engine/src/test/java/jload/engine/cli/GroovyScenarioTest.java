package jload.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Groovy scenarios: the same engine, exit codes and messages as JavaScript, with Groovy's own pitfalls handled. */
class GroovyScenarioTest {
    @TempDir
    Path dir;

    private Jload.Result run(String source, String... flags) {
        return Jload.runScriptAs(dir, "test.groovy", source, flags);
    }

    private Jload.Result runExporting(String source, String... flags) {
        String[] all = new String[flags.length + 2];
        all[0] = "--summary-export";
        all[1] = dir.resolve("export.json").toString();
        System.arraycopy(flags, 0, all, 2, flags.length);
        return run(source, all);
    }

    @Test
    void aCompilationErrorExits107WithFileLineAndColumnAndNoStackTrace() {
        Jload.Result r = run("""
                options { vus 1 }
                iteration {
                    def x = [1, 2
                }
                """);
        assertEquals(107, r.exitCode(), r::toString);
        assertTrue(r.stderr().matches("(?s).*test\\.groovy:\\d+:\\d+.*"), r::toString);
        assertTrue(r.stderr().contains("does not compile"), r::toString);
        assertFalse(r.stderr().contains("\tat org.codehaus"), "no Java stack trace\n" + r);
    }

    @Test
    void anExceptionAtTheTopLevelExits107WithTheLine() {
        Jload.Result r = run("""
                options { vus 1 }
                def broken = null
                broken.size()
                iteration { }
                """);
        assertEquals(107, r.exitCode(), r::toString);
        assertTrue(r.stderr().contains("test.groovy:3"), r::toString);
        assertTrue(r.stderr().contains("NullPointerException"), r::toString);
    }

    @Test
    void aMisspelledOptionExits107NamingItAndTheWayOut() {
        Jload.Result r = run("""
                options {
                    vu 5
                }
                iteration { }
                """);
        assertEquals(107, r.exitCode(), r::toString);
        assertTrue(r.stderr().contains("options { }: unknown option 'vu'"), r::toString);
        assertTrue(r.stderr().contains("test.groovy:2"), r::toString);
    }

    @Test
    void aBadOptionValueExits104NamingTheOptionAsForJavaScript() {
        Jload.Result r = run("""
                options { vus 1; duration 'soon' }
                iteration { }
                """);
        assertEquals(104, r.exitCode(), r::toString);
        assertTrue(r.stderr().contains("options.duration"), r::toString);
    }

    @Test
    void interpolatedStringsInOptionsAreTheirText() {
        Jload.Result r = run("""
                def team = 'core'
                options { iterations 1; tags team: "t-$team"; threshold 'iterations', "count>=${1}" }
                iteration { }
                """);
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.stdout().contains("✓ 'count>=1'"), r::toString);
    }

    @Test
    void exceptionsInIterationsAreCountedAndTheRunGoesOn() {
        Jload.Result r = run("""
                def reached = counter('reached')
                options { iterations 6 }
                iteration {
                    reached.add(1)
                    if (iteration % 2 == 0) throw new IllegalStateException('boom on even iterations')
                }
                """);
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.stderr().contains("IllegalStateException: boom on even iterations — 3 times at"), r::toString);
        assertTrue(r.stderr().contains("test.groovy:5"), r::toString);
        assertTrue(r.stdout().matches("(?s).*reached\\.*: 6\\s.*"), r::toString);
    }

    @Test
    void failEndsTheIterationWithItsMessage() {
        Jload.Result r = run("""
                options { iterations 2; threshold 'checks', 'rate==1' }
                iteration {
                    fail('the target said no')
                    check(true, 'never reached') { it }
                }
                """);
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.stderr().contains("the target said no"), r::toString);
        assertFalse(r.stdout().contains("never reached"), r::toString);
    }

    @Test
    void sleepTakesSecondsEvenWithAWholeNumberInsideClosures() {
        // Groovy's own Object.sleep(long) takes milliseconds and would win `sleep 1` inside a closure.
        Jload.Result r = runExporting("""
                options { iterations 1 }
                iteration {
                    [1].each { sleep 1 }
                }
                """);
        assertEquals(0, r.exitCode(), r::toString);
        double ms = Jload.value(r.export(dir.resolve("export.json")), "iteration_duration", "min");
        assertTrue(ms >= 990 && ms < 5000, "one iteration of `sleep 1` took " + ms + " ms\n" + r);
    }

    @Test
    void setupDataReachesEveryIterationAndTeardownAndHandleSummaryWritesFiles() {
        Path out = dir.resolve("summary.txt");
        Jload.Result r = run("""
                options { vus 2; iterations 4; threshold 'checks', 'rate==1' }
                setup { [token: 'abc', ids: [1, 2, 3]] }
                iteration { data ->
                    check(data, 'data from setup') { it.token == 'abc' && it.ids.size() == 3 }
                }
                teardown { data -> console.log("teardown saw ${data.token}") }
                handleSummary { data ->
                    ['%s': "iterations=${data.metrics.iterations.values.count}\\n", stdout: textSummary(data, indent: ' ')]
                }
                """.formatted(out.toString().replace("\\", "/")));
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.stderr().contains("teardown saw abc"), r::toString);
        assertTrue(r.stdout().contains("✓ data from setup"), r::toString);
        assertTrue(Files.exists(out), r::toString);
        assertEquals("iterations=4\n", readString(out));
    }

    @Test
    void topLevelStateBelongsToItsVuAndNamedIterationsServeScenarios() {
        Jload.Result r = runExporting("""
                int mine = 0 // one per VU: the top level runs once for each
                def seen = counter('iterations_seen_by_their_vu')
                options {
                    scenario('a') { executor 'per-vu-iterations'; vus 3; iterations 4; exec 'chat' }
                    threshold 'checks', 'rate==1'
                }
                iteration('chat') {
                    mine++
                    seen.add(1)
                    check(mine, 'each VU counts its own iterations') { it == iteration + 1 }
                    check(exec.scenarioName(), 'scenario name') { it == 'a' }
                    check(env.FROM_CLI, 'env') { it == 'yes' }
                }
                """, "-e", "FROM_CLI=yes");
        assertEquals(0, r.exitCode(), r::toString);
        JsonNode export = r.export(dir.resolve("export.json"));
        assertEquals(12, Jload.value(export, "iterations_seen_by_their_vu", "count"));
        assertEquals(1.0, Jload.value(export, "checks", "value"), r::toString);
    }

    @Test
    void aSharedArrayIsBuiltOnceAndIsTheSameReadOnlyListForEveryVu() {
        Jload.Result r = run("""
                def users = sharedArray('users') {
                    console.log('building users')
                    (1..100).collect { [name: "user$it", roles: ['a', 'b']] }
                }
                options { vus 4; iterations 8; threshold 'checks', 'rate==1' }
                iteration {
                    check(users, 'all there') { it.size() == 100 && it[99].name == 'user100' }
                    check(users, 'read-only') {
                        try { it[0].roles << 'c'; false } catch (UnsupportedOperationException e) { true }
                    }
                }
                """);
        assertEquals(0, r.exitCode(), r::toString);
        assertEquals(1, r.stderr().lines().filter(l -> l.contains("building users")).count(), r::toString);
        assertTrue(r.stdout().contains("✓ read-only"), r::toString);
    }

    @Test
    void metricsCanOnlyBeMadeAtTheTopLevel() {
        Jload.Result r = run("""
                options { iterations 1 }
                iteration { counter('late') }
                """);
        assertTrue(r.stderr().contains("only available at the top level"), r::toString);
    }

    @Test
    void aBusyLoopStopsAtTheEndOfGracefulStop() throws InterruptedException {
        long start = System.nanoTime();
        Jload.Result r = run("""
                options {
                    scenario('spin') { executor 'constant-vus'; vus 1; duration '1s'; gracefulStop '1s' }
                }
                iteration {
                    long n = 0
                    while (true) { if (++n % 100000 == 0) System.setProperty('jload.test.spins', String.valueOf(n)) }
                }
                """);
        double seconds = (System.nanoTime() - start) / 1e9;
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(seconds < 20, "stopped after " + seconds + " s\n" + r);
        String spins = System.getProperty("jload.test.spins");
        assertTrue(spins != null, "the loop ran");
        Thread.sleep(300);
        assertEquals(spins, System.getProperty("jload.test.spins"), "the loop is still spinning after the run");
    }

    @Test
    void inspectReadsAGroovyScript() {
        Path s = Jload.script(dir, "plan.groovy", """
                options { vus 7; duration '2m'; threshold 'checks', 'rate>0.9', abortOnFail: true }
                iteration { }
                """);
        Jload.Result r = Jload.run("inspect", s.toString());
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.stdout().contains("7 looping VUs for 2m"), r::toString);
        assertTrue(r.stdout().contains("checks: rate>0.9 (abortOnFail)"), r::toString);
        assertTrue(r.stdout().contains("exported functions: default"), r::toString);
    }

    private static String readString(Path p) {
        try {
            return Files.readString(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
