package jload.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run in which jload's event loops were held up says so after it, with no output asked for. */
class OwnStallsTest {
    @TempDir
    Path dir;

    @Test
    void aScriptComputingOnItsEventLoopIsReportedAsTheLoopsRunningLate() throws Exception {
        // A VU's code runs on its event loop's carrier thread: 150 ms of computing holds up the loop that long.
        Jload.Result r = Jload.runScript(dir, """
                import { sleep } from 'k6';
                export const options = { vus: 1, iterations: 4 };
                export default function () {
                  const until = Date.now() + 150;
                  while (Date.now() < until) { }
                  sleep(0.05);
                }
                """);
        assertEquals(0, r.exitCode(), r::toString);
        Matcher m = Pattern.compile("jload's event loops ran late (\\d+) times? during the test \\(longest (\\d+) ms").matcher(r.stderr());
        assertTrue(m.find(), r.stderr());
        assertTrue(Integer.parseInt(m.group(1)) >= 3, "one per iteration, at least the last three: " + m.group());
        assertTrue(Integer.parseInt(m.group(2)) >= 100, "about the 150 ms computed: " + m.group());
    }
}
