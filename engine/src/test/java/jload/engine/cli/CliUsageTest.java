package jload.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the command line answers to --help and to thresholds it cannot judge. */
class CliUsageTest {
    @TempDir
    Path dir;

    @Test
    void everySubcommandAnswersHelpWithItsOwnHelpAndExitZero() {
        for (String command : new String[] {"run", "inspect", "sandbox", "version"}) {
            for (String flag : new String[] {"--help", "-h"}) {
                Jload.Result r = Jload.run(command, flag);
                assertEquals(0, r.exitCode(), command + " " + flag + "\n" + r);
                assertTrue(r.stdout().contains("Usage: jload " + command), command + " " + flag + "\n" + r);
            }
        }
        Jload.Result missing = Jload.run("run");
        assertEquals(104, missing.exitCode(), missing::toString);
        assertTrue(missing.stderr().contains("Run 'jload run --help'"), missing::toString);
    }

    private static final String TWO_UNKNOWN = """
            import { Counter } from 'k6/metrics';
            const known = new Counter('my_counter');
            export const options = { iterations: 1, thresholds: {
              my_counter: ['count>=0'], 'my_cuonter': ['count>=0'], 'http_req_durration{status:200}': ['p(95)<100'] } };
            export default function () { known.add(1); }
            """;

    @Test
    void thresholdsOnUnknownMetricsAreAllNamedAtOnce() {
        Jload.Result r = Jload.runScript(dir, TWO_UNKNOWN);
        assertEquals(104, r.exitCode(), r::toString);
        assertTrue(r.stderr().contains("2 invalid thresholds"), r::toString);
        assertTrue(r.stderr().contains("no metric named \"my_cuonter\""), r::toString);
        assertTrue(r.stderr().contains("no metric named \"http_req_durration\""), r::toString);
    }

    @Test
    void inspectReportsThemTooButKnowsTheMetricsTheInitCodeCreates() {
        Path script = Jload.script(dir, "t.js", TWO_UNKNOWN);
        Jload.Result r = Jload.run("inspect", script.toString());
        assertEquals(104, r.exitCode(), r::toString);
        assertTrue(r.stderr().contains("my_cuonter") && r.stderr().contains("http_req_durration"), r::toString);
        assertTrue(!r.stderr().contains("\"my_counter\""), "a metric made in init code exists\n" + r);

        Path fine = Jload.script(dir, "fine.js", """
                import { Trend } from 'k6/metrics';
                const t = new Trend('step_time', true);
                export const options = { thresholds: { step_time: ['p(95)<100'], ws_rtt: ['p(99)<50'], 'checks{check:x}': ['rate>0.9'] } };
                export default function () { t.add(1); }
                """);
        Jload.Result ok = Jload.run("inspect", fine.toString());
        assertEquals(0, ok.exitCode(), ok::toString);
    }
}
