package jload.engine.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * k6/http over HTTP/2 against a server jload did not write: Node's own http2 module over TLS
 * (engine/src/test/http2-server/server.js), which offers h2 by ALPN and still speaks HTTP/1.1.
 */
class Http2Test {
    static final Path FIXTURE = Path.of("src/test/http2-server").toAbsolutePath();

    @TempDir
    Path dir;
    private NodeServer server;
    private String base;

    @BeforeEach
    void start() throws Exception {
        var keys = TestCertificates.keyStore(dir, "server", "EC", "CN=localhost", "dns:localhost,ip:127.0.0.1");
        Path key = Files.writeString(dir.resolve("key.pem"), TestCertificates.pem(keys, "server", "PRIVATE KEY"));
        Path cert = Files.writeString(dir.resolve("cert.pem"), TestCertificates.pem(keys, "server", "CERTIFICATE"));
        server = NodeServer.start(FIXTURE, Map.of("KEY", key.toString(), "CERT", cert.toString()));
        base = "https://127.0.0.1:" + server.port;
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    private JsonNode runPassing(String options, String body) {
        return Jload.runPassing(dir, """
                import http from 'k6/http';
                import { check } from 'k6';
                export const options = %s;
                %s""".formatted(options, body), "-e", "BASE=" + base);
    }

    @Test
    void aServerOfferingH2IsSpokenToInHttp2OverOneKeptConnection() {
        JsonNode m = runPassing("""
                { iterations: 1, insecureSkipTLSVerify: true, userAgent: 'jload-test/1',
                  thresholds: { 'http_reqs{proto:HTTP/2.0}': ['count==5'], 'http_req_failed': ['rate==0'] } }""", """
                export default function () {
                  const first = http.get(`${__ENV.BASE}/echo`);
                  const posted = http.post(`${__ENV.BASE}/echo`, JSON.stringify({ hello: 'h2' }), { headers: { 'Content-Type': 'application/json' } });
                  const zipped = http.get(`${__ENV.BASE}/gzip`);
                  const big = http.get(`${__ENV.BASE}/big`, { responseType: 'binary' });
                  const again = http.get(`${__ENV.BASE}/echo`);
                  check(null, {
                    'the response says HTTP/2.0, as Go names it': () => first.proto === 'HTTP/2.0' && first.status === 200
                        && first.json('httpVersion') === '2.0',
                    'the server saw the request in HTTP/2 with its authority and user agent': () => first.json('authority') === `127.0.0.1:${__ENV.BASE.split(':')[2]}`
                        && first.json('userAgent') === 'jload-test/1',
                    'a body goes over a stream': () => posted.json('method') === 'POST' && posted.json('body') === '{"hello":"h2"}',
                    'headers in canonical case, none of the codec\\'s own': () => first.headers['Content-Type'] === 'application/json'
                        && first.headers['X-Served-By'] === 'node-http2' && Object.keys(first.headers).every((h) => !h.toLowerCase().startsWith('x-http2')),
                    '10 MB through flow control': () => big.status === 200 && big.body.byteLength === 10 * 1024 * 1024,
                    'a gzip body is decoded': () => zipped.body === 'squeezed over h2 '.repeat(50),
                    'one connection: dialled and shaken hands once': () => first.timings.tls_handshaking > 0 && again.timings.connecting === 0
                        && again.timings.tls_handshaking === 0 && again.json('session') === first.json('session'),
                    'the phases are measured': () => first.timings.waiting > 0 && first.timings.duration >= first.timings.waiting
                        && Math.abs(first.timings.duration - (first.timings.sending + first.timings.waiting + first.timings.receiving)) < 0.01,
                    'TLS facts as over HTTP/1.1': () => first.tls_version === http.TLS_1_3 && again.tls_version === http.TLS_1_3,
                  });
                }
                """);
        assertTrue(m.path("data_received").path("count").asLong() > 10 * 1024 * 1024, m.toPrettyString());
    }

    @Test
    void aBatchIsMultiplexedOnOneConnectionAndATimeoutResetsOnlyItsStream() {
        runPassing("{ iterations: 1, insecureSkipTLSVerify: true, batchPerHost: 0 }", """
                export default function () {
                  const warm = http.get(`${__ENV.BASE}/echo`);
                  const t0 = Date.now();
                  const list = http.batch([
                    `${__ENV.BASE}/echo?ms=1000&n=1`,
                    `${__ENV.BASE}/echo?ms=1000&n=2`,
                    `${__ENV.BASE}/echo?ms=1000&n=3`,
                    `${__ENV.BASE}/echo?ms=1000&n=4`,
                  ]);
                  const took = Date.now() - t0;
                  const mixed = http.batch([
                    ['GET', `${__ENV.BASE}/echo?ms=5000`, null, { timeout: '500ms' }],
                    ['GET', `${__ENV.BASE}/echo?ms=1000`],
                  ]);
                  const after = http.get(`${__ENV.BASE}/echo`);
                  check(null, {
                    'all four in parallel: about 1 s, not 4': () => list.every((r) => r.status === 200) && took < 2500,
                    'all four on the one HTTP/2 connection': () => warm.proto === 'HTTP/2.0' && warm.json('session') > 0
                        && list.every((r) => r.proto === 'HTTP/2.0' && r.json('session') === warm.json('session')),
                    'the late one times out with k6\\'s code': () => mixed[0].status === 0 && mixed[0].error_code === 1050,
                    'its neighbour on the same connection still answers': () => mixed[1].status === 200 && mixed[1].json('session') === warm.json('session'),
                    'and the connection is kept': () => after.status === 200 && after.json('session') === warm.json('session') && after.timings.connecting === 0,
                  });
                }
                """);
    }
}
