package jload.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every run ends promptly once its outputs are written, whatever its sockets' states. */
class StopAndExitTest {
    @TempDir
    Path dir;

    @Test
    void failedConnectsDoNotDelayTheExit() throws Exception {
        Path export = dir.resolve("e.json");
        long start = System.nanoTime();
        Jload.Result r = Jload.runScript(dir, """
                import { ws } from 'jload';
                export const options = { vus: 20, iterations: 20 };
                export default function () { ws.connect(`${__ENV.TARGET}/ws/reject?status=503`); }
                """, "--sandbox", "--summary-export", export.toString());
        long end = System.currentTimeMillis();
        assertEquals(0, r.exitCode(), r::toString);
        double seconds = (System.nanoTime() - start) / 1e9;
        long afterOutputs = end - Files.getLastModifiedTime(export).toMillis();
        // Each VU with a failed connect used to add 2 s at exit, one after another (40 s here).
        assertTrue(seconds < 15, "the run took " + seconds + " s\n" + r);
        assertTrue(afterOutputs < 3000, "exit came " + afterOutputs + " ms after the outputs were written");
    }
}
