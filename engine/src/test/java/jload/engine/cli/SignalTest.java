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

/** Ctrl-C in a real process: the run stops, and the summary and every output are still written. */
class SignalTest {
    @TempDir
    Path dir;

    @Test
    void sigintStopsGracefullyAndStillWritesEveryOutput() throws Exception {
        Path script = Jload.script(dir, "long.js", """
                import { sleep } from 'k6';
                export const options = { vus: 2, duration: '60s' };
                export default function () { console.log('iterating'); sleep(0.2); }
                """);
        Path export = dir.resolve("summary.json");
        Path points = dir.resolve("points.jsonl");
        Path stdout = dir.resolve("stdout.txt");
        Path stderr = dir.resolve("stderr.txt");
        Process p = start(stdout, stderr, "run", "--summary-export", export.toString(), "--out", "json=" + points, script.toString());
        try {
            // Several iterations complete before the signal, so there is something to summarise.
            awaitLines(stderr, "iterating", 6);
            signal(p);
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "jload did not stop after SIGINT");
        } finally {
            p.destroyForcibly();
        }
        String err = read(stderr);
        assertEquals(105, p.exitValue(), err);
        assertTrue(err.contains("stopping the test"), err);
        assertTrue(read(stdout).contains("TOTAL RESULTS"), "summary printed\n" + read(stdout) + err);
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
        Path stdout = dir.resolve("stdout.txt");
        Path stderr = dir.resolve("stderr.txt");
        Process p = start(stdout, stderr, "run", "--summary-export", export.toString(), script.toString());
        try {
            awaitLines(stderr, "in setup", 1);
            signal(p);
            assertTrue(p.waitFor(20, TimeUnit.SECONDS), "setup() was not interrupted:\n" + read(stderr));
        } finally {
            p.destroyForcibly();
        }
        String err = read(stderr);
        assertEquals(105, p.exitValue(), err);
        assertEquals(0, lines(stderr, "iterating"), err);
        assertEquals(0, lines(stderr, "in teardown"), "teardown(data) needs setup's data\n" + err);
        assertTrue(Files.exists(export), "summary export written\n" + err);
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
        Path stdout = dir.resolve("stdout.txt");
        Path stderr = dir.resolve("stderr.txt");
        Process p = start(stdout, stderr, "run", "-e", "OUT=" + summary, script.toString());
        try {
            awaitLines(stderr, "iterating", 4);
            signal(p);
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "jload did not stop after SIGINT");
        } finally {
            p.destroyForcibly();
        }
        String err = read(stderr);
        assertEquals(105, p.exitValue(), err);
        assertEquals(1, lines(stderr, "in teardown"), err);
        assertTrue(Files.readString(summary).contains("\"values\""), "handleSummary's file\n" + err);
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
        Path stdout = dir.resolve("stdout.txt");
        Path stderr = dir.resolve("stderr.txt");
        Process p = start(stdout, stderr, "run", "--out", "json=" + points, script.toString());
        try {
            awaitLines(stderr, "busy in init", 1);
            signal(p);
            assertTrue(p.waitFor(20, TimeUnit.SECONDS), "jload kept running after the first SIGINT:\n" + read(stderr));
        } finally {
            p.destroyForcibly();
        }
        String err = read(stderr);
        assertEquals(105, p.exitValue(), err);
        assertTrue(err.contains("stopping the test"), err);
        assertTrue(err.contains("stopped while initialising"), err);
        assertEveryLineParses(points);
    }

    @Test
    void sigintDuringTheOptionsReadingInitExits105WithTheSameLine() throws Exception {
        Path script = Jload.script(dir, "busy-options.js", """
                if (__VU === 0) { console.log('reading options'); while (true) {} }
                export default function () {}
                """);
        Path stdout = dir.resolve("stdout.txt");
        Path stderr = dir.resolve("stderr.txt");
        Process p = start(stdout, stderr, "run", script.toString());
        try {
            awaitLines(stderr, "reading options", 1);
            signal(p);
            assertTrue(p.waitFor(20, TimeUnit.SECONDS), "jload kept running after the first SIGINT:\n" + read(stderr));
        } finally {
            p.destroyForcibly();
        }
        String err = read(stderr);
        assertEquals(105, p.exitValue(), err);
        assertTrue(err.contains("stopping the test"), err);
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
        Path stdout = dir.resolve("stdout.txt");
        Path stderr = dir.resolve("stderr.txt");
        Process p = start(stdout, stderr, "run", "--out", "json=" + points, script.toString());
        try {
            awaitLines(stderr, "iterating", 50);
            signal(p);
            signal(p);
            assertTrue(p.waitFor(20, TimeUnit.SECONDS), "jload did not stop after the second SIGINT");
        } finally {
            p.destroyForcibly();
        }
        assertEquals(105, p.exitValue(), read(stderr));
        assertTrue(Files.size(points) > 0, "points were written before the stop");
        assertEveryLineParses(points);
    }

    private static Process start(Path stdout, Path stderr, String... args) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new java.util.ArrayList<>(List.of(java,
                "--sun-misc-unsafe-memory-access=allow", "--enable-native-access=ALL-UNNAMED",
                "-Dpolyglot.engine.WarnInterpreterOnly=false",
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
    }

    private static void awaitLines(Path stderr, String text, int count) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (lines(stderr, text) < count && System.nanoTime() < deadline) Thread.sleep(100);
        assertTrue(lines(stderr, text) >= count, "never saw '" + text + "' " + count + " times:\n" + read(stderr));
    }

    private static void signal(Process p) throws Exception {
        new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
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

    private static long lines(Path stderr, String text) throws IOException {
        return read(stderr).lines().filter(l -> l.contains(text)).count();
    }

    private static String read(Path p) throws IOException {
        return Files.exists(p) ? Files.readString(p, StandardCharsets.UTF_8) : "";
    }
}
