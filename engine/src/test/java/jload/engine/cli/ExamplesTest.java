package jload.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every example runs (shortened through its own env knobs) and passes its thresholds; inspect reads it. */
class ExamplesTest {
    private static final Path EXAMPLES = Path.of("..", "examples");

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "hello.js        | -d 2s",
        "stages.js       | -e RAMP=500ms -e HOLD=1s",
        "arrival-rate.js | -e DURATION=2s -e RATE=20",
        "ws-echo.js      | --sandbox -e DURATION=2s",
        "k6-ws-echo.js   | --sandbox",
        "websockets-chat.js | --sandbox -e SESSION_MS=1500",
    })
    void runsAndPassesItsThresholds(String example, String flags) {
        String script = EXAMPLES.resolve(example).toString();
        String[] extra = flags.trim().split("\\s+");
        String[] args = new String[extra.length + 3];
        args[0] = "run";
        args[1] = "-q";
        System.arraycopy(extra, 0, args, 2, extra.length);
        args[args.length - 1] = script;
        Jload.Result r = Jload.run(args);
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.stdout().contains("█ THRESHOLDS"), r::toString);

        Jload.Result inspect = Jload.run("inspect", "-e", "TARGET=ws://127.0.0.1:1", script);
        assertEquals(0, inspect.exitCode(), inspect::toString);
        assertTrue(inspect.stdout().contains("scenarios:"), inspect::toString);
    }
}
