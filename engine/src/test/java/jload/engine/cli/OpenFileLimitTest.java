package jload.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpenFileLimitTest {
    @TempDir
    Path dir;

    @Test
    void aTestWithMoreVusThanTheProcessMayOpenSocketsIsToldWithTheNumbers() {
        String warning = OpenFileLimit.warning(20_000, 20_000);
        assertTrue(warning.contains("up to 20000 VUs"), warning);
        assertTrue(warning.contains("at most 20000 files (ulimit -n)"), warning);
        assertTrue(warning.contains("once about 19800 are open"), warning);
    }

    @Test
    void aTestThatFitsIsNotWarnedAbout() {
        assertNull(OpenFileLimit.warning(1_000, 20_000));
        assertNull(OpenFileLimit.warning(19_800, 20_000));
        assertNull(OpenFileLimit.warning(50_000, -1)); // a JVM that cannot tell: no guess
    }

    @Test
    void aWebSocketRunUnderALowUlimitWarnsBeforeTheTest() throws Exception {
        String ws = runUnderUlimit(400, "import ws from 'jload/ws';\nexport default function () {}\n");
        assertTrue(ws.contains("this test runs up to 250 VUs and this process may open at most 400 files"), ws);
        String plain = runUnderUlimit(400, "export default function () {}\n");
        assertFalse(plain.contains("ulimit -n"), "a script without sockets is not warned:\n" + plain);
    }

    /** Runs a 250-VU script in a JVM of its own whose open-file limit is {@code limit}; returns its stderr. */
    private String runUnderUlimit(int limit, String source) throws Exception {
        Path script = Jload.script(dir, "s" + System.nanoTime() + ".js", source);
        Path stderr = dir.resolve("stderr.txt");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String command = "ulimit -n " + limit + " && exec \"$0\" --sun-misc-unsafe-memory-access=allow "
                + "--enable-native-access=ALL-UNNAMED -Dpolyglot.engine.WarnInterpreterOnly=false -cp \"$1\" "
                + Main.class.getName() + " run -q --no-summary --vus 250 --iterations 250 \"$2\"";
        Process p = new ProcessBuilder("bash", "-c", command, java, System.getProperty("java.class.path"), script.toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(stderr.toFile()).start();
        try {
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), "jload did not finish");
            String err = Files.readString(stderr, StandardCharsets.UTF_8);
            assertEquals(0, p.exitValue(), err);
            return err;
        } finally {
            p.destroyForcibly();
        }
    }
}
