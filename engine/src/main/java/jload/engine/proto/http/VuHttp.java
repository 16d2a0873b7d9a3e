package jload.engine.proto.http;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import jload.HttpResponse;
import jload.HttpTimings;
import jload.engine.metrics.BuiltinMetrics;
import jload.engine.metrics.MetricRegistry;
import jload.engine.metrics.TagSet;

/**
 * One VU's HTTP client ({@link jload.Http}): its own keep-alive connections per origin, redirects followed, each
 * request (each redirect hop too, as in k6) recorded with k6's metrics and tags. Used by the VU's thread, and during a
 * {@link #batch} by threads of the batch's (the kept connections are then shared under their lock); the exchanges
 * themselves run on the event loops.
 */
public final class VuHttp implements jload.Http {

    private final Supplier<HttpClient> client;
    private final HttpMetrics metrics;
    private final Supplier<TagSet> vuTags;
    private final boolean throwErrors;
    private final jload.engine.proto.ByteSink bytes;
    /** Idle keep-alive connections by origin (scheme://host:port). */
    private final Map<String, ArrayDeque<HttpConnection>> idle = new HashMap<>();
    /** The VU's response callback: null for none (no http_req_failed, as k6 with setResponseCallback(null)). */
    private ExpectedStatuses expected = ExpectedStatuses.DEFAULT;
    /** This iteration's cookies: a new jar per iteration, as k6 makes one. */
    private VuCookies jar = new VuCookies();

    public VuHttp(Supplier<HttpClient> client, MetricRegistry registry, BuiltinMetrics builtins, Supplier<TagSet> vuTags, boolean throwErrors) {
        this.client = client;
        this.metrics = new HttpMetrics(registry, builtins);
        this.vuTags = vuTags;
        this.throwErrors = throwErrors;
        this.bytes = metrics.bytes(vuTags);
    }

    @Override
    public void setExpectedStatuses(List<?> statuses) {
        expected = statuses == null ? null : ExpectedStatuses.of(statuses);
    }

    @Override
    public List<HttpResponse> batch(List<BatchRequest> requests) {
        jload.engine.plan.HttpOptions options = client.get().options();
        java.util.concurrent.Semaphore all = new java.util.concurrent.Semaphore(options.batch());
        Map<String, java.util.concurrent.Semaphore> perHost = new java.util.concurrent.ConcurrentHashMap<>();
        HttpResponse[] out = new HttpResponse[requests.size()];
        RuntimeException[] failed = new RuntimeException[requests.size()];
        List<Thread> threads = new java.util.ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            int index = i;
            BatchRequest r = requests.get(i);
            String host = hostOf(r.url());
            threads.add(Thread.ofVirtual().name("jload-http-batch").start(() -> {
                java.util.concurrent.Semaphore mine = options.batchPerHost() > 0
                        ? perHost.computeIfAbsent(host, h -> new java.util.concurrent.Semaphore(options.batchPerHost())) : null;
                try {
                    all.acquire();
                    try {
                        if (mine != null) mine.acquire();
                        try {
                            out[index] = send(r.method(), r.url(), r.body(), r.params() == null ? Map.of() : r.params());
                        } finally {
                            if (mine != null) mine.release();
                        }
                    } finally {
                        all.release();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (RuntimeException e) {
                    failed[index] = e;
                }
            }));
        }
        try {
            for (Thread t : threads) t.join();
        } catch (InterruptedException e) {
            threads.forEach(Thread::interrupt);
            Thread.currentThread().interrupt();
            throw new jload.engine.exec.VuInterrupted();
        }
        for (RuntimeException e : failed) {
            if (e != null) throw e; // a malformed request, or a failure with the throw option: as k6, the batch fails
        }
        return java.util.Arrays.asList(out);
    }

    private static String hostOf(String url) {
        try {
            String h = new URI(url).getHost();
            return h == null ? url : h.toLowerCase(Locale.ROOT);
        } catch (java.net.URISyntaxException e) {
            return url;
        }
    }

    @Override
    public jload.CookieJar cookieJar() {
        return jar;
    }

    @Override
    public jload.CookieJar newCookieJar() {
        return new VuCookies();
    }

    /** The jar a request's cookies come from and go to: its params' own, else the VU's. */
    private VuCookies jarOf(RequestParams p) {
        return p.jar() != null ? p.jar() : jar;
    }

    /** An iteration starts: with an empty cookie jar. */
    public void beginIteration() {
        jar = new VuCookies();
    }

    @Override
    public HttpResponse send(String method, String url, byte[] body, Map<String, ?> params) {
        jload.engine.plan.HttpOptions options = client.get().options();
        RequestParams p = params(params, !options.discardResponseBodies());
        String verb = method.toUpperCase(Locale.ROOT);
        URI uri = parse(url);
        long deadline = System.nanoTime() + p.timeout().toNanos();
        int redirectsLeft = p.redirects() < 0 ? options.maxRedirects() : p.redirects();
        byte[] payload = body;
        Map<String, String> headers = new LinkedHashMap<>(p.headers());
        if (payload != null && !p.compression().isEmpty()) {
            payload = compress(payload, p.compression());
            headers.keySet().removeIf(h -> h.equalsIgnoreCase("Content-Encoding"));
            headers.put("Content-Encoding", String.join(", ", p.compression()));
        }
        while (true) {
            HttpResult r = once(verb, uri, payload, headers, p, deadline, options);
            if (p.auth().equals("digest") && r.status() == 401 && uri.getRawUserInfo() != null) {
                // As k6's digest transport: answer the challenge and send once more (both requests are recorded).
                String info = uri.getUserInfo();
                int colon = info.indexOf(':');
                String path = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                        + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
                String answer = DigestAuth.answer(r.headers().get("Www-Authenticate"), verb, path,
                        colon < 0 ? info : info.substring(0, colon), colon < 0 ? "" : info.substring(colon + 1));
                if (answer != null) {
                    Map<String, String> withAuth = new LinkedHashMap<>(headers);
                    withAuth.put("Authorization", answer);
                    r = once(verb, uri, payload, withAuth, p, deadline, options);
                }
            }
            String location = r.headers().get("Location");
            if (r.error().isEmpty() && isRedirect(r.status()) && location != null && redirectsLeft > 0) {
                redirectsLeft--;
                URI next = uri.resolve(location.trim());
                if (r.status() == 303 || ((r.status() == 301 || r.status() == 302) && !verb.equals("GET") && !verb.equals("HEAD"))) {
                    verb = "GET"; // as Go's client (and so k6) does
                    payload = null;
                    headers.keySet().removeIf(h -> h.equalsIgnoreCase("Content-Type") || h.equalsIgnoreCase("Content-Length"));
                }
                if (!sameHost(uri, next)) headers.keySet().removeIf(h -> h.equalsIgnoreCase("Authorization") || h.equalsIgnoreCase("Cookie"));
                uri = next;
                continue;
            }
            if (throwErrors && !r.error().isEmpty()) throw new IllegalStateException("http " + verb + " " + r.url() + ": " + r.error());
            return r;
        }
    }

    /** Frozen params and what was read from them under a response callback. */
    private record KeptParams(FrozenParams given, ExpectedStatuses expected, RequestParams read) {}

    /** The last frozen params read, kept: a script passes the same params again and again (read per request, they showed in profiles). */
    private volatile KeptParams lastParams;

    private RequestParams params(Map<String, ?> params, boolean keepBodyByDefault) {
        KeptParams last = lastParams;
        if (last != null && last.given() == params && last.expected() == expected) return last.read();
        RequestParams p = RequestParams.of(params, expected, keepBodyByDefault);
        if (params instanceof FrozenParams frozen) lastParams = new KeptParams(frozen, expected, p);
        return p;
    }

    /** The body compressed with each algorithm in turn, as k6's compressBody. */
    private static byte[] compress(byte[] body, List<String> algorithms) {
        byte[] out = body;
        for (String algo : algorithms) {
            var buffer = new java.io.ByteArrayOutputStream();
            try (java.io.OutputStream z = algo.equals("gzip") ? new java.util.zip.GZIPOutputStream(buffer)
                    : new java.util.zip.DeflaterOutputStream(buffer)) {
                z.write(out);
            } catch (java.io.IOException impossible) {
                throw new java.io.UncheckedIOException(impossible);
            }
            out = buffer.toByteArray();
        }
        return out;
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    private static boolean sameHost(URI a, URI b) {
        return a.getHost() != null && a.getHost().equalsIgnoreCase(b.getHost());
    }

    private static URI parse(String url) {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
                throw new IllegalArgumentException("invalid URL: '" + CleanUrl.of(url) + "': expected http:// or https:// and a host");
            }
            return uri;
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("invalid URL: '" + CleanUrl.of(url) + "': " + e.getReason());
        }
    }

    /** One request on one connection (a new one if a kept one was closed under it), recorded. */
    private HttpResult once(String verb, URI uri, byte[] payload, Map<String, String> headers, RequestParams p, long deadline,
                            jload.engine.plan.HttpOptions options) {
        boolean secure = uri.getScheme().equalsIgnoreCase("https");
        int port = uri.getPort() > 0 ? uri.getPort() : secure ? 443 : 80;
        String origin = (secure ? "https://" : "http://") + uri.getHost().toLowerCase(Locale.ROOT) + ":" + port;
        Map<String, String> sent = requestHeaders(uri, port, secure, payload, headers, options.userAgent(), !p.auth().equals("digest"));
        String cookie = cookieHeader(uri, p, headers);
        sent.keySet().removeIf(k -> k.equalsIgnoreCase("Cookie"));
        if (cookie != null) sent.put("Cookie", cookie);
        HttpExchange ex = null;
        for (int attempt = 0; attempt < 2; attempt++) {
            ex = new HttpExchange(request(verb, uri, payload, sent), p.keepBody());
            HttpConnection conn = run(ex, uri.getHost(), port, secure, origin, deadline);
            // A kept connection the server had closed: the request never reached it; try once on a new one, as Go does.
            boolean closedUnder = ex.reused && ex.failure != null && ex.firstByte == 0 && ex.failure.code() == HttpFailure.GENERIC;
            if (conn != null) keepOrClose(conn, ex.failure == null && conn.isReusable() && !options.noConnectionReuse());
            if (!closedUnder) break;
        }
        List<String> setCookies = ex.head == null ? List.of() : ex.head.headers().getAll("Set-Cookie");
        jarOf(p).received(uri, setCookies);
        HttpResult r = result(ex, uri, verb, sent, setCookies);
        record(ex, r, p);
        return r;
    }

    /** Gets a connection (kept or new) and runs the exchange on it until it ends or the deadline passes. */
    private HttpConnection run(HttpExchange ex, String host, int port, boolean secure, String origin, long deadline) {
        ex.getConn = System.nanoTime();
        HttpConnection conn = takeIdle(origin);
        try {
            if (conn != null) {
                ex.reused = true;
                conn.send(ex);
            } else {
                var dialed = client.get().connect(ex, host, port, secure, origin, Duration.ofNanos(Math.max(1, deadline - System.nanoTime())), bytes);
                dialed.whenComplete((c, e) -> {
                    if (e != null) ex.fail(HttpFailure.of(e, true));
                    else c.send(ex);
                });
                try {
                    conn = dialed.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (ExecutionException dialFailed) {
                    return null; // the exchange failed with it
                }
            }
            ex.done.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            return conn;
        } catch (TimeoutException e) {
            ex.fail(HttpFailure.timeout());
            if (conn != null) abandon(conn, ex);
            return null;
        } catch (InterruptedException e) {
            ex.fail(HttpFailure.timeout());
            if (conn != null) abandon(conn, ex);
            Thread.currentThread().interrupt();
            throw new jload.engine.exec.VuInterrupted();
        } catch (ExecutionException impossible) {
            throw new IllegalStateException(impossible.getCause());
        }
    }

    /** A kept connection to the origin, or null: an HTTP/1.1 one leaves the pool while used, an HTTP/2 one stays in it. */
    private HttpConnection takeIdle(String origin) {
        synchronized (idle) {
            ArrayDeque<HttpConnection> q = idle.get(origin);
            while (q != null && !q.isEmpty()) {
                HttpConnection c = q.peek();
                if (!c.isReusable()) {
                    q.pop().close();
                    continue;
                }
                return c.multiplexed() ? c : q.pop();
            }
            return null;
        }
    }

    /** After an exchange: the connection goes (back) to the pool, or is closed and out of it. */
    private void keepOrClose(HttpConnection conn, boolean keep) {
        synchronized (idle) {
            ArrayDeque<HttpConnection> q = idle.computeIfAbsent(conn.origin, o -> new ArrayDeque<>());
            boolean pooled = conn.multiplexed() && q.contains(conn);
            if (keep && !pooled) q.push(conn);
            if (!keep && pooled) q.remove(conn);
        }
        if (!keep) conn.close();
    }

    /** An exchange out of time: HTTP/1.1's connection is closed (and so out of the pool); HTTP/2 resets the stream. */
    private void abandon(HttpConnection conn, HttpExchange ex) {
        if (conn.multiplexed()) conn.abandon(ex);
        else keepOrClose(conn, false);
    }

    private static Map<String, String> requestHeaders(URI uri, int port, boolean secure, byte[] payload, Map<String, String> given,
                                                      String userAgent, boolean basicFromUrl) {
        Map<String, String> h = new LinkedHashMap<>();
        boolean defaultPort = port == (secure ? 443 : 80);
        h.put("Host", uri.getHost() + (defaultPort ? "" : ":" + port));
        if (!userAgent.isEmpty()) h.put("User-Agent", userAgent);
        h.put("Accept-Encoding", "gzip, deflate");
        if (basicFromUrl && uri.getRawUserInfo() != null) {
            String info = uri.getUserInfo().contains(":") ? uri.getUserInfo() : uri.getUserInfo() + ":";
            h.put("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(info.getBytes(StandardCharsets.UTF_8)));
        }
        for (Map.Entry<String, String> e : given.entrySet()) {
            h.keySet().removeIf(k -> k.equalsIgnoreCase(e.getKey()));
            h.put(e.getKey(), e.getValue());
        }
        if (payload != null) h.put("Content-Length", String.valueOf(payload.length));
        return h;
    }

    private static FullHttpRequest request(String verb, URI uri, byte[] payload, Map<String, String> headers) {
        String path = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        FullHttpRequest r = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.valueOf(verb), path,
                payload == null ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(payload));
        headers.forEach((k, v) -> r.headers().set(k, v));
        return r;
    }

    /**
     * The Cookie header: the request's own cookies, then the jar's (one the request replaces is left out), after any
     * Cookie header the script set; null when there are none. As k6's SetRequestCookies.
     */
    private String cookieHeader(URI uri, RequestParams p, Map<String, String> headers) {
        Map<String, RequestParams.Cookie> own = p.cookies();
        StringBuilder out = new StringBuilder();
        headers.forEach((k, v) -> {
            if (k.equalsIgnoreCase("Cookie")) out.append(v);
        });
        own.forEach((name, c) -> append(out, name, c.value()));
        jarOf(p).forRequest(uri).forEach((name, value) -> {
            RequestParams.Cookie mine = own.get(name);
            if (mine == null || !mine.replace()) append(out, name, value);
        });
        return out.isEmpty() ? null : out.toString();
    }

    private static void append(StringBuilder out, String name, String value) {
        if (!out.isEmpty()) out.append("; ");
        out.append(name).append('=').append(value);
    }

    private static HttpResult result(HttpExchange ex, URI uri, String verb, Map<String, String> sent, List<String> setCookies) {
        String url = CleanUrl.of(uri.toString());
        HttpTimings t = ex.timings();
        if (ex.failure != null || ex.head == null) {
            HttpFailure f = ex.failure != null ? ex.failure : HttpFailure.of(new HttpFailure.PrematureClose(), false);
            return new HttpResult(0, "", "", url, Map.of(), null, t, f.message(), f.code(), ex.remoteIp, ex.remotePort, verb, sent, Map.of(),
                    "", "");
        }
        int status = ex.head.status().code();
        Map<String, String> headers = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : ex.head.headers()) {
            if (e.getKey().regionMatches(true, 0, "x-http2-", 0, 8)) continue; // Netty's HTTP/2 bookkeeping (stream id), not the server's
            headers.merge(canonical(e.getKey()), e.getValue(), (a, b) -> a + ", " + b);
        }
        byte[] body = ex.keepBody ? ex.body() : null;
        return new HttpResult(status, ex.head.status().toString(), ex.proto, url, headers, body, t, "",
                status >= 400 ? 1000 + status : 0, ex.remoteIp, ex.remotePort, verb, sent, VuCookies.fromResponse(setCookies),
                ex.tlsVersion, ex.tlsCipherSuite);
    }

    /** What a request's tag set is made of: equal keys, the same tag set (cached; the tag work showed in profiles). */
    private record TagKey(TagSet vu, Map<String, String> own, String method, String url, int status, String proto, String error,
                          int errorCode, Boolean expected, String tlsVersion) {}

    private final Map<TagKey, TagSet> tagSets = new java.util.concurrent.ConcurrentHashMap<>();

    private void record(HttpExchange ex, HttpResult r, RequestParams p) {
        Boolean failed = null;
        Boolean ok = null;
        if (p.expected() != null) {
            ok = r.error().isEmpty() && p.expected().accepts(r.status());
            failed = !ok;
        }
        TagKey key = new TagKey(vuTags.get(), p.tags(), r.requestMethod(), r.url(), r.status(), r.proto(), r.error(), r.errorCode(), ok,
                r.tlsVersion());
        TagSet tags = tagSets.get(key);
        if (tags == null) {
            if (tagSets.size() > 1_000) tagSets.clear(); // a script that tags by id: no unbounded cache
            tags = tagsOf(key);
            tagSets.put(key, tags);
        }
        metrics.request(tags, r.timings(), failed);
    }

    private static TagSet tagsOf(TagKey k) {
        TagSet tags = k.vu().with(TagSet.of(k.own()));
        String name = k.own().getOrDefault("name", k.url());
        tags = tags.with("name", name).with("url", k.own().containsKey("name") ? name : k.url()).with("method", k.method())
                .with("status", String.valueOf(k.status()));
        if (!k.proto().isEmpty()) tags = tags.with("proto", k.proto());
        if (!k.error().isEmpty()) tags = tags.with("error", k.error());
        if (k.errorCode() != 0) tags = tags.with("error_code", String.valueOf(k.errorCode()));
        if (k.expected() != null) tags = tags.with("expected_response", String.valueOf(k.expected()));
        if (!k.tlsVersion().isEmpty()) tags = tags.with("tls_version", k.tlsVersion());
        return tags;
    }

    /** "content-type" → "Content-Type", as Go's textproto canonicalises. */
    static String canonical(String name) {
        StringBuilder out = new StringBuilder(name.length());
        boolean upper = true;
        for (char c : name.toCharArray()) {
            out.append(upper ? Character.toUpperCase(c) : Character.toLowerCase(c));
            upper = c == '-';
        }
        return out.toString();
    }

    /** An iteration ended: with {@code noVUConnectionReuse}, its connections are not used again. */
    public void endIteration() {
        if (client.get().options().noVUConnectionReuse()) closeAll();
    }

    /** The VU is done: its kept connections close. */
    public void closeAll() {
        synchronized (idle) {
            for (ArrayDeque<HttpConnection> q : idle.values()) q.forEach(HttpConnection::close);
            idle.clear();
        }
    }
}
