package jload.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** jload/metrics scrape: the target's own metrics read from a script, and every way a scrape fails counted, never thrown. */
class ScrapeTest {
    @TempDir
    Path dir;
    private HttpServer server;
    private final AtomicReference<String> authorization = new AtomicReference<>();

    @BeforeEach
    void serve() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        respond("/metrics", 200, "text/plain; version=0.0.4", """
                # TYPE conns gauge
                conns{endpoint="echo",origin="a"} 3
                conns{endpoint="echo",origin="b"} 4
                conns{endpoint="rooms",origin="a"} 5
                """);
        respond("/stats.json", 200, "application/json", "{\"connections\": {\"total\": 12}, \"healthy\": true}");
        respond("/missing", 404, "text/plain", "no such page");
        respond("/garbage", 200, "text/plain", "conns{endpoint=\"echo\" 3\n");
        server.createContext("/slow", exchange -> {
            try {
                Thread.sleep(3_000);
            } catch (InterruptedException ignored) {
                // the server is closing
            }
            exchange.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    private void respond(String path, int status, String type, String body) {
        server.createContext(path, exchange -> {
            authorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", type);
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private JsonNode run(String body) throws Exception {
        Jload.Result r = Jload.runScript(dir, """
                import { check } from 'k6';
                import { scrape, snapshot } from 'jload/metrics';
                export const options = { iterations: 1 };
                export default function () {
                %s
                }
                """.formatted(body), "-e", "BASE=" + base(), "-e", "BEFORE=" + dir.resolve("snaps/before.txt"), "--summary-export", dir.resolve("summary.json").toString());
        return Jload.assertPassedEveryCheck(r, dir.resolve("summary.json"));
    }

    @Test
    void aPrometheusPageIsReadIntoSeriesThatLabelsSelectAndSum() throws Exception {
        JsonNode m = run("""
                  const page = scrape(`${__ENV.BASE}/metrics`);
                  check(page, {
                    'read': (p) => p.ok && p.status === 200 && p.error === null && p.text.includes('# TYPE conns gauge'),
                    'one series': (p) => p.value('conns', { endpoint: 'echo', origin: 'b' }) === 4,
                    'summed over the labels not named': (p) => p.value('conns', { endpoint: 'echo' }) === 7 && p.value('conns') === 12,
                    'none is NaN': (p) => Number.isNaN(p.value('conns', { endpoint: 'nope' })) && Number.isNaN(p.value('other')),
                    'every series by key': (p) => p.values['conns{endpoint="rooms",origin="a"}'] === 5,
                  });
                """);
        assertTrue(m.path("target_scrape_duration").path("max").asDouble() > 0, m.toPrettyString());
    }

    @Test
    void aJsonPageIsReadByPath() throws Exception {
        run("""
                  const page = scrape(`${__ENV.BASE}/stats.json`);
                  check(page, { 'by path': (p) => p.ok && p.value('connections.total') === 12 && p.value('healthy') === 1 });
                """);
    }

    @Test
    void everyFailureIsAReadingThatSaysWhyAndIsCountedByKind() throws Exception {
        JsonNode m = run("""
                  const missing = scrape(`${__ENV.BASE}/missing`);
                  const garbage = scrape(`${__ENV.BASE}/garbage`);
                  const slow = scrape(`${__ENV.BASE}/slow`, { timeout: '300ms' });
                  const refused = scrape('http://127.0.0.1:1/metrics', { timeout: '2s' });
                  check(null, {
                    'an HTTP error': () => !missing.ok && missing.status === 404 && missing.error.endsWith('/missing: HTTP 404') && missing.text === 'no such page',
                    'a page in neither format, at its line and column': () => !garbage.ok && garbage.error.includes('1:23: expected')
                        && garbage.error.includes('Prometheus text exposition format'),
                    'no answer in time': () => !slow.ok && slow.status === 0 && slow.error.includes('no answer within 300 ms'),
                    'nobody listening': () => !refused.ok && refused.error.startsWith('http://127.0.0.1:1/metrics: '),
                  });
                """);
        assertEquals(4, m.path("target_scrape_errors").path("count").asInt(), m.toPrettyString());
    }

    @Test
    void credentialsInTheUrlGoAsBasicAuthAndNeverIntoAnErrorOrATag() throws Exception {
        Path out = dir.resolve("points.jsonl");
        Jload.Result r = Jload.runScript(dir, """
                import { scrape } from 'jload/metrics';
                export const options = { iterations: 1 };
                export default function () {
                  const u = __ENV.BASE.replace('http://', 'http://scraper:s3cret@');
                  scrape(`${u}/metrics?token=t0ps3cret`);
                  console.log('ERR ' + scrape(`${u}/missing?token=t0ps3cret`).error);
                }
                """, "-e", "BASE=" + base(), "--out", "json=" + out);
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.stderr().contains("ERR http://127.0.0.1:" + server.getAddress().getPort() + "/missing: HTTP 404"), r.stderr());
        String everything = r.stdout() + r.stderr() + Files.readString(out);
        assertTrue(!everything.contains("s3cret") && !everything.contains("t0ps3cret"), "a secret leaked:\n" + everything);
        assertEquals("Basic " + java.util.Base64.getEncoder().encodeToString("scraper:s3cret".getBytes(StandardCharsets.UTF_8)), authorization.get());
    }

    @Test
    void snapshotsWrittenByAScriptAreWhatJloadDiffCompares() throws Exception {
        Path before = dir.resolve("snaps/before.txt"), after = dir.resolve("snaps/after.txt");
        run("""
                  const a = snapshot(`${__ENV.BASE}/metrics`, __ENV.BEFORE);
                  const failed = snapshot(`${__ENV.BASE}/missing`, __ENV.BEFORE + '.not');
                  check(null, { 'written when read': () => a.ok && !failed.ok });
                """);
        assertTrue(Files.readString(before).contains("conns{endpoint=\"rooms\",origin=\"a\"} 5"));
        assertTrue(!Files.exists(dir.resolve("snaps/before.txt.not")), "a failed scrape writes nothing");
        Files.writeString(after, Files.readString(before).replace("} 5", "} 9"));
        Jload.Result d = Jload.run("diff", before.toString(), after.toString());
        assertTrue(d.stdout().contains("conns{endpoint=\"rooms\",origin=\"a\"}  5 → 9  (+4)"), d.toString());
    }

    @Test
    void optionsScrapeTurnsTheTargetsSeriesIntoGaugesAndWritesSnapshotsAroundTheIterations() throws Exception {
        Path snaps = dir.resolve("snaps");
        Jload.Result r = Jload.runScript(dir, """
                import { ws } from 'jload';
                import { sleep } from 'k6';
                export const options = {
                  vus: 2, duration: '1500ms',
                  scrape: [{ url: `${__ENV.TARGET_HTTP}/metrics`, every: '200ms', select: ['sandbox_connections'], snapshots: __ENV.SNAPS }],
                  thresholds: { 'target_sandbox_connections{endpoint:echo}': ['value>=2'] },
                };
                let s = null;
                export default function () {
                  if (s === null) s = ws.connect(`${__ENV.TARGET}/ws/echo`, { persist: true });
                  sleep(0.2);
                }
                """, "--sandbox", "-e", "SNAPS=" + snaps, "--summary-export", dir.resolve("summary.json").toString());
        assertEquals(0, r.exitCode(), r.toString());
        JsonNode gauge = new ObjectMapper().readTree(Files.readString(dir.resolve("summary.json"))).path("metrics").path("target_sandbox_connections");
        assertTrue(gauge.path("max").asDouble() >= 2, gauge + "\n" + r);
        assertTrue(r.stdout().contains("target_sandbox_connections{endpoint:echo}"), r.stdout());
        assertTrue(Files.readString(snaps.resolve("scrape-0-before.txt")).contains("sandbox_connections{endpoint=\"echo\"} 0"),
                "before the first iteration no socket is open");
        assertTrue(Files.readString(snaps.resolve("scrape-0-after.txt")).contains("sandbox_connections{endpoint=\"echo\"} 2"),
                "after the last iteration the persisted sockets still are");
        Jload.Result inspect = Jload.run("inspect", "-e", "TARGET_HTTP=http://127.0.0.1:1", dir.resolve("test.js").toString());
        assertEquals(0, inspect.exitCode(), "a threshold on a scraped gauge is known to inspect too: " + inspect);
    }

    @Test
    void aBadScrapeOptionIsAConfigurationErrorNamingTheField() {
        Jload.Result r = Jload.runScript(dir, """
                export const options = { scrape: [{ url: 'ws://127.0.0.1:1/metrics?token=secret1' }] };
                export default function () {}
                """);
        assertEquals(104, r.exitCode(), r.toString());
        assertTrue(r.stderr().contains("options.scrape[0].url: expected an http:// or https:// URL with a host"), r.stderr());
        assertTrue(!r.stderr().contains("secret1"), r.stderr());
    }

    @Test
    void aScriptsMistakeThrowsWithWhatWasExpected() {
        Jload.Result r = Jload.runScript(dir, """
                import { scrape } from 'jload/metrics';
                export const options = { iterations: 1 };
                export default function () { scrape('ws://127.0.0.1:1/metrics'); }
                """);
        assertTrue(r.stderr().contains("scrape: 'ws://127.0.0.1:1/metrics': expected an http:// or https:// URL with a host"), r.toString());
    }
}
