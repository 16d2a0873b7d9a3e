package jload.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C in a real process, in every phase of a run (docs/cli.md's table): the run stops, says so,
 * exits 105, and writes what it promised.
 */
class SignalTest {
    @TempDir
    Path dir;

    /** What a signalled run left: its exit code and output. */
    private record Stopped(int exit, String stdout, String stderr) {}

    /**
     * Starts {@code jload ARGS} in a JVM of its own, waits until its stderr has {@code count} lines
     * containing {@code text}, sends {@code signals} SIGINTs, and waits (bounded) for it to exit.
     */
    private Stopped signalled(String text, int count, int signals, String... args) throws Exception {
        Path stdout = dir.resolve("stdout.txt");
        Path stderr = dir.resolve("stderr.txt");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new java.util.ArrayList<>(List.of(java,
                "--sun-misc-unsafe-memory-access=allow", "--enable-native-access=ALL-UNNAMED",
                "-Dpolyglot.engine.WarnInterpreterOnly=false",
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (lines(stderr, text) < count && System.nanoTime() < deadline) Thread.sleep(100);
            assertTrue(lines(stderr, text) >= count, "never saw '" + text + "' " + count + " times:\n" + read(stderr));
            for (int i = 0; i < signals; i++) new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "jload kept running after " + signals + " SIGINT(s):\n" + read(stderr));
            return new Stopped(p.exitValue(), read(stdout), read(stderr));
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void sigintStopsGracefullyAndStillWritesEveryOutput() throws Exception {
        Path script = Jload.script(dir, "long.js", """
                import { sleep } from 'k6';
                export const options = { vus: 2, duration: '60s' };
                export default function () { console.log('iterating'); sleep(0.2); }
                """);
        Path export = dir.resolve("summary.json");
        Path points = dir.resolve("points.jsonl");
        // Several iterations complete before the signal, so there is something to summarise.
        Stopped r = signalled("iterating", 6, 1, "run", "--summary-export", export.toString(), "--out", "json=" + points, script.toString());
        assertEquals(105, r.exit(), r.stderr());
        assertTrue(r.stderr().contains("stopping the test"), r.stderr());
        assertTrue(r.stdout().contains("TOTAL RESULTS"), "summary printed\n" + r);
        assertTrue(Files.readString(export).contains("\"iterations\""), "summary export written");
        assertTrue(Files.readString(points).contains("\"metric\":\"iterations\""), "JSON output written");
        assertEveryLineParses(points);
    }

    @Test
    void sigintDuringSetupInterruptsItSkipsTeardownAndStillWritesTheOutputs() throws Exception {
        Path script = Jload.script(dir, "slow-setup.js", """
                import { sleep } from 'k6';
                export const options = { vus: 1, duration: '60s' };
                export function setup() { console.log('in setup'); sleep(60); }
                export default function () { console.log('iterating'); sleep(1); }
                export function teardown() { console.log('in teardown'); }
                """);
        Path export = dir.resolve("summary.json");
        Stopped r = signalled("in setup", 1, 1, "run", "--summary-export", export.toString(), script.toString());
        assertEquals(105, r.exit(), r.stderr());
        assertTrue(!r.stderr().contains("iterating"), r.stderr());
        assertTrue(!r.stderr().contains("in teardown"), "teardown(data) needs setup's data\n" + r.stderr());
        assertTrue(Files.exists(export), "summary export written\n" + r.stderr());
    }

    @Test
    void afterASigintDuringIterationsTeardownAndHandleSummaryStillRun() throws Exception {
        Path script = Jload.script(dir, "lifecycle.js", """
                import { sleep } from 'k6';
                export const options = { vus: 2, duration: '60s' };
                export default function () { console.log('iterating'); sleep(0.2); }
                export function teardown() { console.log('in teardown'); }
                export function handleSummary(data) { return { [__ENV.OUT]: JSON.stringify(data.metrics.iterations) }; }
                """);
        Path summary = dir.resolve("handled.json");
        Stopped r = signalled("iterating", 4, 1, "run", "-e", "OUT=" + summary, script.toString());
        assertEquals(105, r.exit(), r.stderr());
        assertEquals(1, r.stderr().lines().filter(l -> l.contains("in teardown")).count(), r.stderr());
        assertTrue(Files.readString(summary).contains("\"values\""), "handleSummary's file\n" + r.stderr());
    }

    @Test
    void sigintDuringVuInitStopsInitCodeThatNeverReturns() throws Exception {
        Path script = Jload.script(dir, "busy-init.js", """
                let n = 0;
                if (__VU > 0) { console.log('busy in init'); while (true) { n++; } }
                export const options = { vus: 2, duration: '60s' };
                export default function () {}
                """);
        Path points = dir.resolve("points.jsonl");
        Stopped r = signalled("busy in init", 1, 1, "run", "--out", "json=" + points, script.toString());
        assertEquals(105, r.exit(), r.stderr());
        assertTrue(r.stderr().contains("stopping the test"), r.stderr());
        assertTrue(r.stderr().contains("stopped while initialising"), r.stderr());
        assertEveryLineParses(points);
    }

    @Test
    void sigintDuringTheOptionsReadingInitExits105WithTheSameLine() throws Exception {
        Path script = Jload.script(dir, "busy-options.js", """
                if (__VU === 0) { console.log('reading options'); while (true) {} }
                export default function () {}
                """);
        Stopped r = signalled("reading options", 1, 1, "run", script.toString());
        assertEquals(105, r.exit(), r.stderr());
        assertTrue(r.stderr().contains("stopping the test"), r.stderr());
    }

    @Test
    void aSecondSigintStopsAtOnceAndLeavesOnlyWholeJsonLines() throws Exception {
        Path script = Jload.script(dir, "busy.js", """
                import { Counter } from 'k6/metrics';
                const c = new Counter('lots');
                export const options = { vus: 4, duration: '60s' };
                export default function () { for (let i = 0; i < 200; i++) c.add(1, { i: String(i) }); console.log('iterating'); }
                """);
        Path points = dir.resolve("points.jsonl");
        Stopped r = signalled("iterating", 50, 2, "run", "--out", "json=" + points, script.toString());
        assertEquals(105, r.exit(), r.stderr());
        assertTrue(Files.size(points) > 0, "points were written before the stop");
        assertEveryLineParses(points);
    }

    /** JSON Lines as other tools read them: empty, or whole lines that each parse, the last ending with a newline. */
    private static void assertEveryLineParses(Path points) throws IOException {
        String text = read(points);
        if (text.isEmpty()) return;
        assertTrue(text.endsWith("\n"), "the file ends with a newline");
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        for (String line : text.split("\n")) {
            try {
                json.readTree(line).get("type").asText();
            } catch (RuntimeException | IOException e) {
                throw new AssertionError("a line that does not parse: " + line, e);
            }
        }
    }

    private static long lines(Path file, String text) throws IOException {
        return read(file).lines().filter(l -> l.contains(text)).count();
    }

    private static String read(Path p) throws IOException {
        return Files.exists(p) ? Files.readString(p, StandardCharsets.UTF_8) : "";
    }
}
