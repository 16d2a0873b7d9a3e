package jload.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every example, and every ready-made scenario with a Groovy twin, exists in JavaScript and Groovy. Each twin runs
 * (shortened through its own env knobs), passes its thresholds and is read by inspect; and the two produce the same
 * metric names, the same check names and the same threshold verdicts.
 */
class ExamplesTest {
    private static final Path REPO = Path.of("..");

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "examples/hello             | -d 2s",
        "examples/stages            | -e RAMP=500ms -e HOLD=1s",
        "examples/arrival-rate      | -e DURATION=2s -e RATE=20",
        "examples/ws-echo           | --sandbox -e DURATION=2s",
        "examples/k6-ws-echo        | --sandbox",
        "examples/websockets-chat   | --sandbox -e SESSION_MS=2000",
        "examples/socketio-rooms    | --sandbox -e DURATION=2s",
        "examples/scrape            | --sandbox -e DURATION=2s",
        "examples/login-then-socket | --sandbox -e DURATION=2s",
        "scripts/broadcast-burst    | --sandbox -e SUBSCRIBERS=10 -e EVENTS=20",
        "scripts/catch-up-burst     | --sandbox -e VUS=3 -e ITERATIONS=2",
        "scripts/http-ingest        | --sandbox -e MESSAGES=200 -e CONCURRENCY=10",
    })
    void bothTwinsRunPassAndAgree(String example, String flags) {
        JsonNode js = runAndExport(example + ".js", flags);
        JsonNode groovy = runAndExport(example + ".groovy", flags);

        assertTrue(metricNames(js).contains("iterations"), js::toPrettyString);
        assertEquals(metricNames(js), metricNames(groovy), "metric names");
        assertEquals(checkNames(js.path("root_group"), "", new TreeSet<>()),
                checkNames(groovy.path("root_group"), "", new TreeSet<>()), "check names (with their groups)");
        assertEquals(verdicts(js), verdicts(groovy), "threshold verdicts");
    }

    private JsonNode runAndExport(String example, String flags) {
        String script = REPO.resolve(example).toString();
        Path export = dir.resolve(example + ".export.json");
        String[] extra = flags.trim().split("\\s+");
        String[] args = new String[extra.length + 5];
        args[0] = "run";
        args[1] = "-q";
        args[2] = "--summary-export";
        args[3] = export.toString();
        System.arraycopy(extra, 0, args, 4, extra.length);
        args[args.length - 1] = script;
        Jload.Result r = Jload.run(args);
        assertEquals(0, r.exitCode(), () -> example + ": " + r);
        assertTrue(r.stdout().contains("█ THRESHOLDS"), () -> example + ": " + r);

        Jload.Result inspect = Jload.run("inspect", "-e", "TARGET=ws://127.0.0.1:1", script);
        assertEquals(0, inspect.exitCode(), () -> example + ": " + inspect);
        assertTrue(inspect.stdout().contains("scenarios:"), () -> example + ": " + inspect);
        return r.export(export);
    }

    private static Set<String> metricNames(JsonNode export) {
        Set<String> names = new TreeSet<>();
        export.path("metrics").properties().forEach(m -> names.add(m.getKey()));
        return names;
    }

    private static Set<String> checkNames(JsonNode group, String path, Set<String> into) {
        group.path("checks").properties().forEach(c -> into.add(path + "::" + c.getKey()));
        group.path("groups").properties().forEach(g -> checkNames(g.getValue(), path + "::" + g.getKey(), into));
        return into;
    }

    /** metric → expression → failed. */
    private static Map<String, Map<String, Boolean>> verdicts(JsonNode export) {
        Map<String, Map<String, Boolean>> out = new TreeMap<>();
        export.path("metrics").properties().forEach(m -> m.getValue().path("thresholds").properties()
                .forEach(t -> out.computeIfAbsent(m.getKey(), k -> new TreeMap<>()).put(t.getKey(), t.getValue().asBoolean())));
        return out;
    }
}
