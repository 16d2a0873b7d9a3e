package jload.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code jload diff}: seed 001's compare-metrics, on Prometheus text and JSON snapshots. */
class DiffCommandTest {
    @TempDir
    Path dir;

    private Path file(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void printsWhatChangedAppearedAndWentAndWritesItAsJson() throws Exception {
        Path before = file("before.txt", """
                # TYPE conns gauge
                conns{origin="http://a"} 3
                conns{origin="http://b"} 1
                refusals_total 0
                gone 7
                """);
        Path after = file("after.txt", """
                conns{origin="http://a"} 25
                conns{origin="http://b"} 1
                refusals_total 3
                fresh 0.5
                """);
        Path out = dir.resolve("diff.json");
        Jload.Result r = Jload.run("diff", before.toString(), after.toString(), "--out", out.toString());
        assertEquals(0, r.exitCode(), r.toString());
        String s = r.stdout();
        assertTrue(s.contains("2 changed, 1 added, 1 removed, 1 unchanged (--all lists them)"), s);
        assertTrue(s.contains("conns{origin=\"http://a\"}  3 → 25  (+22)"), s);
        assertTrue(s.contains("refusals_total            0 → 3  (+3)"), s);
        assertTrue(s.contains("added:\n  fresh  0.5"), s);
        assertTrue(s.contains("removed:\n  gone  7"), s);
        assertTrue(!s.contains("http://b"), "unchanged series only with --all: " + s);
        JsonNode json = new ObjectMapper().readTree(Files.readString(out));
        assertEquals(22, json.path("changed").get(0).path("delta").asDouble());
        assertEquals("fresh", json.path("added").get(0).path("series").asText());

        Jload.Result all = Jload.run("diff", "--all", before.toString(), after.toString());
        assertTrue(all.stdout().contains("unchanged:\n  conns{origin=\"http://b\"}  1"), all.stdout());
    }

    @Test
    void jsonSnapshotsCompareByTheirNumbersPaths() throws Exception {
        Path before = file("before.json", "{\"connections\": {\"total\": 10, \"perOrigin\": {\"http://a\": 10}}, \"lastCatchUp\": null}");
        Path after = file("after.json", "{\"connections\": {\"total\": 50, \"perOrigin\": {\"http://a\": 50}}, \"lastCatchUp\": {\"events\": 120}}");
        Jload.Result r = Jload.run("diff", before.toString(), after.toString());
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.stdout().contains("connections.total               10 → 50  (+40)"), r.stdout());
        assertTrue(r.stdout().contains("connections.perOrigin.http://a  10 → 50  (+40)"), r.stdout());
        assertTrue(r.stdout().contains("added:\n  lastCatchUp.events  120"), r.stdout());
    }

    @Test
    void aSnapshotThatIsNeitherFormatIsOneLineNamingItsFileLineAndColumn() throws Exception {
        Path good = file("good.txt", "m 1\n");
        Path bad = file("bad.txt", "m 1\nbroken{a=\"1\" 2\n");
        Jload.Result r = Jload.run("diff", good.toString(), bad.toString());
        assertEquals(104, r.exitCode(), r.toString());
        assertEquals("jload diff: " + bad + ":2:14: expected ',' or '}' after label a, found '2' (Prometheus text exposition format)", r.stderr().strip());
        Jload.Result missing = Jload.run("diff", good.toString(), dir.resolve("nope.txt").toString());
        assertEquals(104, missing.exitCode());
        assertTrue(missing.stderr().contains("nope.txt: cannot be read"), missing.stderr());
        assertTrue(!missing.stderr().contains("\tat "), "no stack trace: " + missing.stderr());
    }
}
