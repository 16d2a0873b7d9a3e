package jload.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * k6/http against a server jload did not write (the JDK's com.sun.net.httpserver): verbs, bodies, statuses and
 * k6's error codes, redirects and their limit, timeouts, refused ports, gzip, large bodies, keep-alive, timings,
 * metrics and tags, credentials kept out of outputs.
 */
class HttpTest {
    @TempDir
    Path dir;
    private HttpServer server;
    private String base;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/echo", e -> {
            String body = new String(e.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String json = "{\"method\":\"" + e.getRequestMethod() + "\",\"body\":" + quote(body) + ",\"query\":" + quote(String.valueOf(e.getRequestURI().getRawQuery()))
                    + ",\"contentType\":" + quote(String.valueOf(e.getRequestHeaders().getFirst("Content-Type")))
                    + ",\"authorization\":" + quote(String.valueOf(e.getRequestHeaders().getFirst("Authorization")))
                    + ",\"items\":[{\"id\":1},{\"id\":2}]}";
            send(e, 200, "application/json", json.getBytes(StandardCharsets.UTF_8));
        });
        server.createContext("/status/", e -> send(e, Integer.parseInt(e.getRequestURI().getPath().substring(8)), "text/plain", "s".getBytes()));
        server.createContext("/redirect/", e -> { // /redirect/N → /redirect/N-1 → … → /echo
            int n = Integer.parseInt(e.getRequestURI().getPath().substring(10));
            e.getResponseHeaders().set("Location", n <= 1 ? "/echo" : "/redirect/" + (n - 1));
            e.sendResponseHeaders(302, -1);
            e.close();
        });
        server.createContext("/slow", e -> {
            try {
                Thread.sleep(2000);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
            send(e, 200, "text/plain", "late".getBytes());
        });
        server.createContext("/gzip", e -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
                gz.write("squeezed hello".repeat(100).getBytes(StandardCharsets.UTF_8));
            }
            e.getResponseHeaders().set("Content-Encoding", "gzip");
            send(e, 200, "text/plain", out.toByteArray());
        });
        server.createContext("/set-cookie", e -> { // ?name=value → Set-Cookie name=value; Path=/
            String[] kv = e.getRequestURI().getRawQuery().split("=");
            e.getResponseHeaders().add("Set-Cookie", kv[0] + "=" + kv[1] + "; Path=/; HttpOnly");
            send(e, 200, "text/plain", "set".getBytes());
        });
        server.createContext("/login", e -> { // sets a session cookie and redirects to /cookies, as a login form does
            e.getResponseHeaders().add("Set-Cookie", "session=abc; Path=/");
            e.getResponseHeaders().set("Location", "/cookies");
            e.sendResponseHeaders(302, -1);
            e.close();
        });
        server.createContext("/cookies", e -> send(e, 200, "text/plain",
                String.valueOf(e.getRequestHeaders().getFirst("Cookie")).getBytes(StandardCharsets.UTF_8)));
        server.createContext("/agent", e -> send(e, 200, "text/plain",
                (e.getRequestHeaders().getFirst("User-Agent") + "|" + e.getRequestHeaders().getFirst("Host")).getBytes(StandardCharsets.UTF_8)));
        server.createContext("/bytes", e -> { // 0..255, or the request's own bytes back when it has a body
            byte[] in = e.getRequestBody().readAllBytes();
            byte[] all = new byte[256];
            for (int i = 0; i < 256; i++) all[i] = (byte) i;
            send(e, 200, "application/octet-stream", in.length > 0 ? in : all);
        });
        server.createContext("/unzip", e -> { // a gzip request body, decompressed, with its Content-Encoding
            String enc = String.valueOf(e.getRequestHeaders().getFirst("Content-Encoding"));
            byte[] raw = e.getRequestBody().readAllBytes();
            byte[] plain = enc.equals("gzip") ? new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(raw)).readAllBytes() : raw;
            send(e, 200, "text/plain", (enc + "|" + new String(plain, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
        });
        server.createContext("/digest", e -> { // RFC 7616 with qop=auth, user alice, password s3cret
            String auth = e.getRequestHeaders().getFirst("Authorization");
            if (auth == null || !auth.startsWith("Digest ") || !digestValid(auth, e.getRequestMethod())) {
                e.getResponseHeaders().set("WWW-Authenticate", "Digest realm=\"jload\", nonce=\"n0nce\", qop=\"auth\", opaque=\"op\"");
                send(e, 401, "text/plain", "who are you".getBytes());
                return;
            }
            send(e, 200, "text/plain", "welcome alice".getBytes());
        });
        server.createContext("/upload", e -> { // what a multipart body looked like on arrival
            String type = String.valueOf(e.getRequestHeaders().getFirst("Content-Type"));
            String body = new String(e.getRequestBody().readAllBytes(), StandardCharsets.ISO_8859_1);
            send(e, 200, "text/plain", (type + "\n" + body).getBytes(StandardCharsets.ISO_8859_1));
        });
        server.createContext("/big", e -> send(e, 200, "application/octet-stream", new byte[10 * 1024 * 1024]));
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private static boolean digestValid(String header, String method) {
        java.util.Map<String, String> p = new java.util.HashMap<>();
        var m = java.util.regex.Pattern.compile("(\\w+)=(?:\"([^\"]*)\"|([^,\\s]+))").matcher(header.substring(7));
        while (m.find()) p.put(m.group(1), m.group(2) != null ? m.group(2) : m.group(3));
        String ha1 = md5("alice:jload:s3cret"), ha2 = md5(method + ":" + p.get("uri"));
        String expected = md5(ha1 + ":n0nce:" + p.get("nc") + ":" + p.get("cnonce") + ":auth:" + ha2);
        return "alice".equals(p.get("username")) && "op".equals(p.get("opaque")) && expected.equals(p.get("response"));
    }

    private static String md5(String s) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    private static void send(HttpExchange e, int status, String type, byte[] body) throws IOException {
        e.getResponseHeaders().set("Content-Type", type);
        boolean head = e.getRequestMethod().equals("HEAD");
        e.sendResponseHeaders(status, head ? -1 : body.length == 0 ? -1 : body.length);
        if (!head) {
            try (OutputStream out = e.getResponseBody()) {
                out.write(body);
            }
        }
        e.close();
    }

    private JsonNode runPassing(String options, String body, String... flags) {
        String[] all = java.util.Arrays.copyOf(new String[] {"-e", "BASE=" + base}, flags.length + 2);
        System.arraycopy(flags, 0, all, 2, flags.length);
        return Jload.runPassing(dir, """
                import http from 'k6/http';
                import { check } from 'k6';
                export const options = %s;
                %s""".formatted(options, body), all);
    }

    @Test
    void everyVerbBodiesAndResponsesAsK6HasThem() {
        JsonNode m = runPassing("{ iterations: 1 }", """
                export default function () {
                  const get = http.get(`${__ENV.BASE}/echo?a=1`);
                  const post = http.post(`${__ENV.BASE}/echo`, JSON.stringify({ n: 1 }), { headers: { 'Content-Type': 'application/json' } });
                  const form = http.post(`${__ENV.BASE}/echo`, { user: 'a b', n: 2 });
                  const head = http.head(`${__ENV.BASE}/echo`);
                  check(null, {
                    'GET': () => get.status === 200 && get.json('method') === 'GET' && get.json('query') === 'a=1',
                    'a JSON body as sent': () => post.json().body === '{"n":1}' && post.json('contentType') === 'application/json',
                    'an object body is form-encoded': () => form.json('body') === 'user=a%20b&n=2' && form.json('contentType') === 'application/x-www-form-urlencoded',
                    'PUT, PATCH, DELETE, OPTIONS': () => ['PUT', 'PATCH', 'DELETE', 'OPTIONS'].every((v) =>
                        http.request(v, `${__ENV.BASE}/echo`, 'x').json('method') === v)
                        && http.put(`${__ENV.BASE}/echo`, 'p').json('body') === 'p' && http.del(`${__ENV.BASE}/echo`).json('method') === 'DELETE',
                    'HEAD has no body': () => head.status === 200 && head.body === '',
                    'json selectors': () => get.json('items.1.id') === 2 && get.json('items.#') === 2,
                    'response fields': () => get.status_text === '200 OK' && get.proto === 'HTTP/1.1' && get.headers['Content-Type'] === 'application/json'
                        && get.url === `${__ENV.BASE}/echo?a=1` && get.remote_ip === '127.0.0.1' && get.remote_port > 0 && get.error === '' && get.error_code === 0
                        && get.request.method === 'GET',
                  });
                }
                """);
        assertEquals(10, m.path("http_reqs").path("count").asInt(), m.toPrettyString());
        assertEquals(0, m.path("http_req_failed").path("passes").asInt(), m.toPrettyString());
    }

    @Test
    void failuresHaveK6sErrorCodesAndCountAsFailed() {
        JsonNode m = runPassing("{ iterations: 1 }", """
                export default function () {
                  const notFound = http.get(`${__ENV.BASE}/status/404`);
                  const refused = http.get('http://127.0.0.1:1/');
                  const t0 = Date.now();
                  const slow = http.get(`${__ENV.BASE}/slow`, { timeout: '300ms' });
                  const took = Date.now() - t0;
                  check(null, {
                    'a 404 is 1404': () => notFound.status === 404 && notFound.error_code === 1404 && notFound.error === '',
                    'a refused port is 1212': () => refused.status === 0 && refused.error_code === 1212 && refused.error === 'dial: connection refused',
                    'a timeout is 1050, on time': () => slow.status === 0 && slow.error_code === 1050 && slow.error === 'request timeout' && took < 1500,
                    'timings of a timeout': () => slow.timings.waiting >= 250,
                  });
                  http.setResponseCallback(http.expectedStatuses(404));
                  http.get(`${__ENV.BASE}/status/404`);
                }
                """);
        // 404, refused, timeout: failed; the last 404: expected by the callback.
        assertEquals(4, m.path("http_reqs").path("count").asInt(), m.toPrettyString());
        assertEquals(3, m.path("http_req_failed").path("passes").asInt(), m.toPrettyString());
    }

    @Test
    void redirectsAreFollowedUpToTheLimitEachHopRecorded() {
        JsonNode m = runPassing("{ iterations: 1 }", """
                export default function () {
                  const followed = http.get(`${__ENV.BASE}/redirect/3`);
                  const none = http.get(`${__ENV.BASE}/redirect/3`, { redirects: 0 });
                  const tooMany = http.get(`${__ENV.BASE}/redirect/12`);
                  const postThen = http.post(`${__ENV.BASE}/redirect/1`, 'data');
                  check(null, {
                    'followed to the end': () => followed.status === 200 && followed.url === `${__ENV.BASE}/echo`,
                    'not followed when told': () => none.status === 302 && none.headers.Location === '/redirect/2',
                    'the 10th redirect is returned as it is': () => tooMany.status === 302 && tooMany.url === `${__ENV.BASE}/redirect/2`,
                    'a 302 after a POST is a GET': () => postThen.json('method') === 'GET' && postThen.json('body') === '',
                  });
                }
                """);
        // 4 + 1 + 11 + 2 requests on the wire, each one counted as in k6.
        assertEquals(18, m.path("http_reqs").path("count").asInt(), m.toPrettyString());
    }

    @Test
    void bodiesGzipLargeAndDiscardedAndKeepAliveTimings() {
        JsonNode m = runPassing("{ iterations: 1, thresholds: { 'http_req_duration{name:big}': ['max<10000'] } }", """
                export default function () {
                  const gz = http.get(`${__ENV.BASE}/gzip`);
                  const big = http.get(`${__ENV.BASE}/big`, { tags: { name: 'big' } });
                  const discarded = http.get(`${__ENV.BASE}/big`, { responseType: 'none', tags: { name: 'big' } });
                  const again = http.get(`${__ENV.BASE}/echo`);
                  const t = again.timings;
                  check(null, {
                    'gzip is decompressed': () => gz.body === 'squeezed hello'.repeat(100),
                    '10 MB arrive whole': () => big.body.length === 10 * 1024 * 1024,
                    'a discarded body is null': () => discarded.body === null && discarded.status === 200,
                    'a kept connection: no connecting': () => t.connecting === 0 && t.tls_handshaking === 0,
                    'the phases add up': () => Math.abs(t.duration - (t.sending + t.waiting + t.receiving)) < 0.001 && t.waiting > 0,
                  });
                }
                """);
        assertTrue(m.path("data_received").path("count").asDouble() > 20 * 1024 * 1024, "both big bodies were read: " + m.toPrettyString());
        assertTrue(m.path("http_req_duration{name:big}").path("thresholds").path("max<10000").isBoolean(),
                "a threshold on the name tag's submetric was evaluated: " + m.toPrettyString());
    }

    @Test
    void cookiesAsK6KeepsThemOneJarPerIteration() {
        runPassing("{ iterations: 2 }", """
                import exec from 'k6/execution';
                export default function () {
                  const b = __ENV.BASE;
                  if (exec.vu.iterationInScenario === 1) {
                    check(http.get(`${b}/cookies`), { 'a new iteration starts with an empty jar': (r) => r.body === 'null' });
                    return;
                  }
                  const set = http.get(`${b}/set-cookie?theme=dark`);
                  const login = http.get(`${b}/login`);
                  const own = http.get(`${b}/cookies`, { cookies: { extra: '1', theme: { value: 'light', replace: true } } });
                  const jar = http.cookieJar();
                  jar.set(b, 'manual', 'yes');
                  const seen = jar.cookiesForURL(`${b}/`);
                  jar.delete(b, 'theme');
                  const after = http.get(`${b}/cookies`);
                  check(null, {
                    'response cookies': () => set.cookies.theme[0].value === 'dark' && set.cookies.theme[0].http_only === true && set.cookies.theme[0].path === '/',
                    'a cookie set on a redirect is sent on the next hop': () => login.status === 200 && login.body.includes('session=abc'),
                    'request cookies, one replacing the one in the jar': () => own.body.includes('extra=1') && own.body.includes('theme=light') && !own.body.includes('theme=dark'),
                    'the jar can be read and set': () => seen.manual[0] === 'yes' && seen.session[0] === 'abc',
                    'and deleted from': () => !after.body.includes('theme=') && after.body.includes('manual=yes'),
                  });
                }
                """);
    }

    @Test
    void aJarOfTheScriptsOwnIsKeptAcrossIterationsAndUsedOnlyWhereNamed() {
        runPassing("{ iterations: 2 }", """
                import exec from 'k6/execution';
                const mine = new http.CookieJar(); // in the init context, as k6 allows
                export default function () {
                  const b = __ENV.BASE;
                  if (exec.vu.iterationInScenario === 0) {
                    http.get(`${b}/login`, { jar: mine }); // its Set-Cookie, on a redirect, goes to this jar
                    mine.set(b, 'manual', 'mine');
                    const withMine = http.get(`${b}/cookies`, { jar: mine });
                    const withVus = http.get(`${b}/cookies`);
                    const bad = (() => { try { http.get(`${b}/cookies`, { jar: {} }); return null; } catch (e) { return String(e); } })();
                    check(null, {
                      'a request naming the jar sends its cookies': () => withMine.body.includes('session=abc') && withMine.body.includes('manual=mine'),
                      'the VU jar has none of them': () => withVus.body === 'null',
                      'the VU jar is a CookieJar too, as in k6': () => http.cookieJar() instanceof http.CookieJar,
                      'a jar that is not one is refused': () => bad !== null && bad.includes('params.jar'),
                    });
                    return;
                  }
                  const again = http.get(`${b}/cookies`, { jar: mine });
                  const seen = mine.cookiesForURL(`${b}/`);
                  mine.clear(b);
                  const cleared = http.get(`${b}/cookies`, { jar: mine });
                  const batched = http.batch([['GET', `${b}/set-cookie?via=batch`, null, { jar: mine }]]);
                  check(null, {
                    'the next iteration still has them': () => again.body.includes('session=abc') && seen.manual[0] === 'mine',
                    'clear empties it': () => cleared.body === 'null',
                    'a batch request fills the jar it names': () => batched[0].status === 200 && mine.cookiesForURL(`${b}/`).via[0] === 'batch'
                        && http.cookieJar().cookiesForURL(`${b}/`).via === undefined,
                  });
                }
                """);
    }

    @Test
    void theScriptsHttpOptionsApply() {
        int port = server.getAddress().getPort();
        JsonNode m = runPassing("""
                { iterations: 1, discardResponseBodies: true, maxRedirects: 1, userAgent: 'my-agent/1.0', noConnectionReuse: true,
                  hosts: { 'test.local': '127.0.0.1:%d' } }""".formatted(port), """
                export default function () {
                  const discarded = http.get(`${__ENV.BASE}/echo`);
                  const kept = http.get(`${__ENV.BASE}/agent`, { responseType: 'text' });
                  const again = http.get(`${__ENV.BASE}/agent`, { responseType: 'text' });
                  const limited = http.get(`${__ENV.BASE}/redirect/3`);
                  const named = http.get('http://test.local/agent', { responseType: 'text' });
                  check(null, {
                    'discardResponseBodies': () => discarded.body === null && discarded.status === 200,
                    'userAgent': () => kept.body.startsWith('my-agent/1.0|'),
                    'noConnectionReuse: every request dials': () => again.timings.connecting > 0,
                    'maxRedirects': () => limited.status === 302 && limited.url.endsWith('/redirect/2'),
                    'hosts: dialled where it says, named as asked': () => named.status === 200 && named.body === 'my-agent/1.0|test.local',
                  });
                }
                """);
        assertEquals(0, m.path("http_req_failed").path("passes").asInt(), m.toPrettyString());
    }

    @Test
    void digestAuthAnswersTheChallengeAsK6Does() {
        JsonNode m = runPassing("{ iterations: 1 }", """
                export default function () {
                  const url = `${__ENV.BASE.replace('http://', 'http://alice:s3cret@')}/digest?x=1`;
                  const ok = http.get(url, { auth: 'digest' });
                  const wrong = http.get(url.replace('s3cret', 'nope'), { auth: 'digest' });
                  const basic = http.get(url);
                  check(null, {
                    'the right password gets in': () => ok.status === 200 && ok.body === 'welcome alice',
                    'a wrong one does not': () => wrong.status === 401,
                    'basic alone is refused by a digest server': () => basic.status === 401,
                  });
                }
                """);
        assertEquals(5, m.path("http_reqs").path("count").asInt(), "each challenge and each answer is a request, as in k6: " + m.toPrettyString());
    }

    @Test
    void credentialsInTheUrlAreSentButNeverShown() throws Exception {
        Path out = dir.resolve("out.jsonl");
        String secretBase = base.replace("http://", "http://alice:s3cret@");
        runPassing("{ iterations: 1 }", """
                export default function () {
                  const r = http.get(`${__ENV.SECRET_BASE}/echo`);
                  check(r, {
                    'basic auth from the URL': (x) => x.json('authorization') === 'Basic ' + 'YWxpY2U6czNjcmV0',
                    'the URL shown is masked': (x) => x.url.includes('****:****@') && !x.url.includes('s3cret'),
                  });
                }
                """, "-e", "SECRET_BASE=" + secretBase, "--out", "json=" + out);
        String lines = Files.readString(out);
        assertTrue(lines.contains("****:****@"), lines);
        assertFalse(lines.contains("s3cret"), "the password reached the output");
    }

    @Test
    void aSelfSignedCertificateFailsAsInK6UnlessVerificationIsSkipped() throws Exception {
        var ssl = TestCertificates.serverContext(TestCertificates.keyStore(dir, "server", "EC", "CN=localhost", "dns:localhost,ip:127.0.0.1"));
        com.sun.net.httpserver.HttpsServer tls = com.sun.net.httpserver.HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        tls.setHttpsConfigurator(new com.sun.net.httpserver.HttpsConfigurator(ssl));
        tls.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        tls.createContext("/", e -> send(e, 200, "text/plain", "secret hello".getBytes()));
        tls.start();
        try {
            String url = "https://127.0.0.1:" + tls.getAddress().getPort() + "/";
            runPassing("{ iterations: 1 }", """
                    export default function () {
                      const r = http.get(__ENV.TLS_URL);
                      check(r, { 'an unknown authority is 1310': (x) => x.status === 0 && x.error_code === 1310
                          && x.error === 'x509: certificate signed by unknown authority' });
                    }
                    """, "-e", "TLS_URL=" + url);
            JsonNode m = runPassing("{ iterations: 1, insecureSkipTLSVerify: true }", """
                    export default function () {
                      const first = http.get(__ENV.TLS_URL);
                      const second = http.get(__ENV.TLS_URL);
                      check(null, {
                        'passes when told to skip verification': () => first.status === 200 && first.body === 'secret hello',
                        'a server that offers no HTTP/2 by ALPN is spoken to in HTTP/1.1': () => first.proto === 'HTTP/1.1',
                        'the handshake is timed once': () => first.timings.tls_handshaking > 0 && second.timings.tls_handshaking === 0,
                        'the TLS version and cipher, also on a kept connection': () => first.tls_version === http.TLS_1_3
                            && second.tls_version === 'tls1.3' && first.tls_cipher_suite.startsWith('TLS_'),
                        'blocked holds dial and handshake': () => first.timings.blocked >= first.timings.connecting + first.timings.tls_handshaking - 0.01,
                      });
                    }
                    """, "-e", "TLS_URL=" + url);
            assertEquals(0, m.path("http_req_failed").path("passes").asInt(), m.toPrettyString());
            runPassing("""
                    { iterations: 1, insecureSkipTLSVerify: true, tlsVersion: { min: 'tls1.2', max: 'tls1.2' },
                      tlsCipherSuites: ['TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384'] }""", """
                    export default function () {
                      const r = http.get(__ENV.TLS_URL);
                      check(r, { 'tlsVersion and tlsCipherSuites are what is negotiated': (x) => x.status === 200
                          && x.tls_version === http.TLS_1_2 && x.tls_cipher_suite === 'TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384' });
                    }
                    """, "-e", "TLS_URL=" + url);
        } finally {
            tls.stop(0);
        }
    }

    @Test
    void aBatchRunsInParallelAndAnswersInOrder() {
        JsonNode m = runPassing("{ iterations: 1, batchPerHost: 0 }", """
                export default function () {
                  const t0 = Date.now();
                  const list = http.batch([
                    `${__ENV.BASE}/slow`,
                    ['POST', `${__ENV.BASE}/echo`, 'two'],
                    { method: 'GET', url: `${__ENV.BASE}/echo?three`, params: { tags: { name: 'third' } } },
                    `${__ENV.BASE}/slow`,
                  ]);
                  const took = Date.now() - t0;
                  const named = http.batch({ a: `${__ENV.BASE}/echo?a`, b: ['PUT', `${__ENV.BASE}/echo`, 'b'] });
                  check(null, {
                    'in the requests order': () => list.length === 4 && list[1].json('body') === 'two' && list[2].json('query') === 'three'
                        && list[0].body === 'late' && list[3].body === 'late',
                    'in parallel: two 2-second requests take about 2 s, not 4': () => took < 3500,
                    'an object gives an object': () => named.a.json('query') === 'a' && named.b.json('method') === 'PUT',
                  });
                }
                """);
        assertEquals(6, m.path("http_reqs").path("count").asInt(), m.toPrettyString());
    }

    @Test
    void binaryBodiesBothWaysAndMultipartUploads() {
        runPassing("{ iterations: 1 }", """
                export default function () {
                  const got = http.get(`${__ENV.BASE}/bytes`, { responseType: 'binary' });
                  const bytes = new Uint8Array(got.body);
                  const sent = http.post(`${__ENV.BASE}/bytes`, new Uint8Array([0, 255, 128, 7]).buffer, { responseType: 'binary' });
                  const up = http.post(`${__ENV.BASE}/upload`, {
                    note: 'hello',
                    file: http.file(new Uint8Array([1, 2, 3]), 'data.bin', 'application/x-test'),
                    text: http.file('plain words', 'words.txt', 'text/plain'),
                  });
                  const zipped = http.post(`${__ENV.BASE}/unzip`, 'squeeze me', { compression: 'gzip' });
                  const refused = (() => { try { http.post(`${__ENV.BASE}/unzip`, 'x', { compression: 'br' }); return null; } catch (e) { return String(e); } })();
                  const [type, ...rest] = up.body.split('\\n');
                  const body = rest.join('\\n');
                  const boundary = type.split('boundary=')[1];
                  check(null, {
                    'a binary response is an ArrayBuffer of the bytes': () => got.body instanceof ArrayBuffer && bytes.length === 256 && bytes[255] === 255,
                    'a binary request body goes as it is': () => Array.from(new Uint8Array(sent.body)).join() === '0,255,128,7',
                    'multipart: the content type names the boundary': () => type.startsWith('multipart/form-data; boundary=') && boundary.length > 10,
                    'multipart: a field': () => body.includes('Content-Disposition: form-data; name="note"\\r\\n\\r\\nhello\\r\\n'),
                    'multipart: a file with its name and type': () => body.includes('name="file"; filename="data.bin"\\r\\nContent-Type: application/x-test\\r\\n\\r\\n\\u0001\\u0002\\u0003\\r\\n'),
                    'multipart: a text file': () => body.includes('filename="words.txt"') && body.includes('plain words'),
                    'multipart: closed': () => body.endsWith(`--${boundary}--\\r\\n`),
                    'a gzip-compressed request body': () => zipped.body === 'gzip|squeeze me',
                    'an algorithm jload lacks is refused by name': () => refused !== null && refused.includes('unknown compression algorithm br'),
                  });
                }
                """);
    }

    @Test
    void vusWaitingOnRequestsHoldNoPlatformThreads() throws Exception {
        // Every VU waits 2 s on /slow at once; the peak of platform threads while they do must not grow with the VUs.
        int tenVus = peakPlatformThreadsWhile(10);
        int manyVus = peakPlatformThreadsWhile(1000);
        System.out.println("peak platform threads while requests wait: 10 VUs " + tenVus + ", 1,000 VUs " + manyVus);
        assertTrue(manyVus <= tenVus + 4, "platform threads at 10 VUs: " + tenVus + ", at 1,000: " + manyVus);
    }

    private int peakPlatformThreadsWhile(int vus) throws Exception {
        var threads = java.lang.management.ManagementFactory.getThreadMXBean(); // platform threads only
        java.util.concurrent.atomic.AtomicInteger peak = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicBoolean running = new java.util.concurrent.atomic.AtomicBoolean(true);
        Thread watcher = Thread.ofPlatform().start(() -> {
            while (running.get()) {
                peak.accumulateAndGet(threads.getThreadCount(), Math::max);
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        try {
            runPassing("{ scenarios: { s: { executor: 'per-vu-iterations', vus: %d, iterations: 1, maxDuration: '60s' } } }".formatted(vus), """
                    export default function () {
                      check(http.get(`${__ENV.BASE}/slow`, { timeout: '30s' }), { 'answered': (r) => r.status === 200 });
                    }
                    """);
        } finally {
            running.set(false);
            watcher.join();
        }
        return peak.get();
    }

    @Test
    void aServerThatAsksForAClientCertificateGetsTheTlsAuthOne() throws Exception {
        var serverKeys = TestCertificates.keyStore(dir, "server", "EC", "CN=localhost", "ip:127.0.0.1");
        var clientKeys = TestCertificates.keyStore(dir, "client", "EC", "CN=load-tester", "dns:client.local");
        var kmf = javax.net.ssl.KeyManagerFactory.getInstance(javax.net.ssl.KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(serverKeys, "changeit".toCharArray());
        java.security.KeyStore trusted = java.security.KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("client", clientKeys.getCertificate("client"));
        var tmf = javax.net.ssl.TrustManagerFactory.getInstance(javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trusted);
        var ssl = javax.net.ssl.SSLContext.getInstance("TLS");
        ssl.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        com.sun.net.httpserver.HttpsServer tls = com.sun.net.httpserver.HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        tls.setHttpsConfigurator(new com.sun.net.httpserver.HttpsConfigurator(ssl) {
            @Override
            public void configure(com.sun.net.httpserver.HttpsParameters params) {
                javax.net.ssl.SSLParameters p = ssl.getDefaultSSLParameters();
                p.setNeedClientAuth(true);
                params.setSSLParameters(p);
            }
        });
        tls.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        tls.createContext("/", e -> {
            String who = ((com.sun.net.httpserver.HttpsExchange) e).getSSLSession().getPeerPrincipal().getName();
            send(e, 200, "text/plain", who.getBytes(StandardCharsets.UTF_8));
        });
        tls.start();
        try {
            String cert = TestCertificates.pem(clientKeys, "client", "CERTIFICATE");
            String key = TestCertificates.pem(clientKeys, "client", "PRIVATE KEY");
            Path auth = dir.resolve("auth.json");
            Files.writeString(auth, new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(
                    java.util.List.of(java.util.Map.of("cert", cert, "key", key, "domains", java.util.List.of("127.0.0.1")))));
            String url = "https://127.0.0.1:" + tls.getAddress().getPort() + "/";
            runPassing("{ iterations: 1, insecureSkipTLSVerify: true }", """
                    export default function () {
                      check(http.get(__ENV.TLS_URL), { 'without a client certificate: refused': (r) => r.status === 0 && r.error_code >= 1000 });
                    }
                    """, "-e", "TLS_URL=" + url);
            runPassing("{ iterations: 1, insecureSkipTLSVerify: true, tlsAuth: JSON.parse(open(__ENV.AUTH)) }", """
                    export default function () {
                      check(http.get(__ENV.TLS_URL), { 'with tlsAuth: the server knows who we are': (r) => r.status === 200 && r.body === 'CN=load-tester' });
                    }
                    """, "-e", "TLS_URL=" + url, "-e", "AUTH=" + auth);
            Jload.Result bad = Jload.runScript(dir, """
                    export const options = { tlsAuth: [{ cert: 'nope', key: '-----BEGIN RSA PRIVATE KEY-----', domains: [] }] };
                    export default function () {}
                    """);
            assertEquals(104, bad.exitCode(), bad.toString());
            assertTrue(bad.stderr().contains("tlsAuth"), bad.stderr());
        } finally {
            tls.stop(0);
        }
    }

    @Test
    void aGroovyScenarioNamedAfterTheDslsHttpIsRefusedWithTheReason() {
        Jload.Result r = Jload.runScriptAs(dir, "http.groovy", """
                iteration { http.get('http://127.0.0.1:1/') }
                """);
        assertEquals(107, r.exitCode(), r.toString());
        assertTrue(r.stderr().contains("a scenario file cannot be named after jload's 'http'") && !r.stderr().contains("at jload."), r.stderr());
    }

    @Test
    void groovyHasTheClientTyped() {
        Jload.Result r = Jload.runScriptAs(dir, "typed-http.groovy", """
                import groovy.transform.BaseScript
                import jload.groovy.JloadScript
                @BaseScript JloadScript jload
                options { iterations 1; userAgent 'groovy-agent'; maxRedirects 2 }
                iteration {
                    check(http.get("${env.BASE}/agent"), 'HTTP options in the DSL') { it.body().startsWith('groovy-agent|') }
                    check(http.get("${env.BASE}/redirect/5"), 'maxRedirects in the DSL') { it.status() == 302 }
                    def res = http.get("${env.BASE}/echo?g=1")
                    check(res, 'typed') { it.status() == 200 && parseJson(it.body()).query == 'g=1' && it.timings().duration() > 0 }
                    check(http.post("${env.BASE}/echo", 'b', [headers: ['Content-Type': 'text/plain']]), 'post') { parseJson(it.body()).body == 'b' }
                    def params = [headers: [Authorization: 'Bearer one']]
                    http.get("${env.BASE}/echo", params)
                    params.headers.Authorization = 'Bearer two' // the same map, changed: read again
                    check(http.get("${env.BASE}/echo", params), 'a changed params map is read again') { parseJson(it.body()).authorization == 'Bearer two' }
                }
                """, "-e", "BASE=" + base, "--summary-export", dir.resolve("summary.json").toString());
        Jload.assertPassedEveryCheck(r, dir.resolve("summary.json"));
    }
}
