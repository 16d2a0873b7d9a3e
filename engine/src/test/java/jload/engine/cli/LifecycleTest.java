package jload.engine.cli;

import static jload.engine.cli.Jload.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** init → setup → iterations → teardown → handleSummary, with k6's data flow between them. */
class LifecycleTest {
    @TempDir
    Path dir;

    private Jload.Result run(String script, String... flags) {
        return Jload.runScript(dir, script, flags);
    }

    @Test
    void setupDataReachesEveryIterationAndTeardownAsJson() throws Exception {
        Path export = dir.resolve("s.json");
        Jload.Result r = run("""
                import { check } from 'k6';
                import { Counter } from 'k6/metrics';
                const teardownSaw = new Counter('teardown_saw');
                export const options = { vus: 2, iterations: 6, thresholds: { checks: ['rate==1'], teardown_saw: ['count==42'] } };
                export function setup() {
                  return { answer: 42, setupVu: __VU, when: new Date(0) };
                }
                export default function (data) {
                  check(data, {
                    'data from setup': (d) => d.answer === 42,
                    'setup ran as VU 0': (d) => d.setupVu === 0,
                    'only JSON passes (a Date becomes a string)': (d) => typeof d.when === 'string',
                  });
                }
                export function teardown(data) { teardownSaw.add(data.answer); }
                """, "--summary-export", export.toString());
        assertEquals(0, r.exitCode(), r::toString);
        JsonNode e = new ObjectMapper().readTree(export.toFile());
        assertEquals(18, value(e, "checks", "passes"));
    }

    @Test
    void moduleStateLivesForTheVusLifetime() {
        Jload.Result r = run("""
                let calls = 0;
                export const options = { scenarios: { s: { executor: 'per-vu-iterations', vus: 2, iterations: 3 } },
                  thresholds: { checks: ['rate==1'] } };
                import { check } from 'k6';
                export default function () {
                  calls++;
                  check(calls, { 'state survives iterations': (c) => c === __ITER + 1 });
                }
                """);
        assertEquals(0, r.exitCode(), r::toString);
    }

    @Test
    void setupFailureExits107() {
        Jload.Result r = run("""
                export function setup() { throw new Error('no database'); }
                export default function () {}
                """);
        assertEquals(107, r.exitCode(), r::toString);
        assertTrue(r.stderr().contains("setup() failed: Error: no database"), r::toString);
    }

    @Test
    void handleSummaryWritesItsFilesAndReplacesTheDefaultSummary() throws Exception {
        Path out = dir.resolve("reports/summary.json");
        Jload.Result r = run("""
                export const options = { iterations: 3 };
                export default function () {}
                export function handleSummary(data) {
                  return {
                    stdout: 'custom summary: ' + data.metrics.iterations.values.count + ' iterations\\n',
                    '%s': JSON.stringify({ iterations: data.metrics.iterations.values.count, root: data.root_group.path }),
                  };
                }
                """.formatted(out.toString().replace("\\", "\\\\")));
        assertEquals(0, r.exitCode(), r::toString);
        assertEquals("custom summary: 3 iterations\n", r.stdout());
        JsonNode written = new ObjectMapper().readTree(Files.readString(out));
        assertEquals(3, written.get("iterations").asInt());
        assertEquals("", written.get("root").asText());
    }

    @Test
    void failingHandleSummaryFallsBackToTheDefaultSummary() {
        Jload.Result r = run("""
                export const options = { iterations: 1 };
                export default function () {}
                export function handleSummary() { throw new Error('template missing'); }
                """);
        assertTrue(r.stdout().contains("TOTAL RESULTS"), r::toString);
        assertTrue(r.stderr().contains("template missing"), r::toString);
    }

    @Test
    void bundledJslibWorksOfflineAndUnknownRemoteImportsAreNamed() {
        Jload.Result ok = run("""
                import { randomIntBetween, uuidv4, findBetween } from 'https://jslib.k6.io/k6-utils/1.4.0/index.js';
                import { check } from 'k6';
                export const options = { iterations: 3, thresholds: { checks: ['rate==1'] } };
                export default function () {
                  check(null, {
                    'int in range': () => { const n = randomIntBetween(3, 5); return n >= 3 && n <= 5; },
                    'uuid v4': () => /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(uuidv4()),
                    'findBetween': () => findBetween('<a>x</a>', '<a>', '</a>') === 'x',
                  });
                }
                """);
        assertEquals(0, ok.exitCode(), ok::toString);

        Jload.Result bad = run("""
                import { thing } from 'https://example.com/lib.js';
                export default function () {}
                """);
        assertEquals(107, bad.exitCode(), bad::toString);
        assertTrue(bad.stderr().contains("https://example.com/lib.js"), bad::toString);
        assertTrue(bad.stderr().contains("does not download"), bad::toString);
    }

    @Test
    void openReadsFilesNextToTheScriptButNotOutsideItsFolder() throws Exception {
        Files.writeString(dir.resolve("users.json"), "[{\"name\":\"ada\"},{\"name\":\"alan\"}]");
        Jload.Result ok = run("""
                import { check } from 'k6';
                import { SharedArray } from 'k6/data';
                const users = new SharedArray('users', () => JSON.parse(open('./users.json')));
                export const options = { iterations: 2, thresholds: { checks: ['rate==1'] } };
                export default function () {
                  check(users, { 'two users': (u) => u.length === 2, 'first is ada': (u) => u[0].name === 'ada' });
                }
                """);
        assertEquals(0, ok.exitCode(), ok::toString);

        Jload.Result escape = run("""
                const secret = open('/etc/passwd');
                export default function () {}
                """);
        assertEquals(107, escape.exitCode(), escape::toString);
        assertTrue(escape.stderr().contains("outside the folders this script may read"), escape::toString);
    }

    @Test
    void asyncFunctionsAndTimersRunOnTheVusEventLoop() {
        Jload.Result r = run("""
                import { check } from 'k6';
                import { setTimeout } from 'k6/timers';
                export const options = { iterations: 2, thresholds: { checks: ['rate==1'] } };
                export default async function () {
                  const started = Date.now();
                  const value = await new Promise((resolve) => setTimeout(() => resolve('late'), 50));
                  check(value, { 'timer resolved the promise': (v) => v === 'late',
                                 'after its delay': () => Date.now() - started >= 45 });
                }
                """);
        assertEquals(0, r.exitCode(), r::toString);
    }

    @Test
    void groupsTagChecksAndAreTimed() throws Exception {
        Path export = dir.resolve("s.json");
        Jload.Result r = run("""
                import { check, group } from 'k6';
                export const options = { iterations: 2, thresholds: { 'checks{group:::login}': ['rate==1'] } };
                export default function () {
                  group('login', () => { check(1, { 'logged in': () => true }); });
                  check(1, { 'outside': () => false });
                }
                """, "--summary-export", export.toString());
        assertEquals(0, r.exitCode(), r::toString);
        JsonNode e = new ObjectMapper().readTree(export.toFile());
        JsonNode login = e.path("root_group").path("groups").path("login");
        assertEquals(2, login.path("checks").path("logged in").path("passes").asInt(), e::toPrettyString);
        assertEquals(2, e.path("root_group").path("checks").path("outside").path("fails").asInt(), e::toPrettyString);
    }
}
