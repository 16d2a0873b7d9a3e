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
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of(java,
                "--sun-misc-unsafe-memory-access=allow", "--enable-native-access=ALL-UNNAMED",
                "-Dpolyglot.engine.WarnInterpreterOnly=false",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "run", "--summary-export", export.toString(), "--out", "json=" + points, script.toString()))
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            // Several iterations complete before the signal, so there is something to summarise.
            while (iterations(stderr) < 6 && System.nanoTime() < deadline) Thread.sleep(100);
            assertTrue(iterations(stderr) >= 6, "the run never got going:\n" + read(stderr));
            new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
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
    }

    private static long iterations(Path stderr) throws IOException {
        return read(stderr).lines().filter(l -> l.contains("iterating")).count();
    }

    private static String read(Path p) throws IOException {
        return Files.exists(p) ? Files.readString(p, StandardCharsets.UTF_8) : "";
    }
}
