package jload.engine.script.js;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import jload.HttpResponse;
import jload.engine.script.EngineVu;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.Value;

/** The host object behind k6/http ({@code globalThis.__jload_http}); the module gives it k6's names and shapes. */
public final class JsHttp {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final EngineVu vu;

    JsHttp(EngineVu vu) {
        this.vu = vu;
    }

    /**
     * One request; params as JSON text (headers, tags, timeout, redirects, responseType, expectedStatuses, cookies).
     * The body: null, a string (sent as UTF-8), bytes (an ArrayBuffer or typed array), or {@code {__jloadMultipart:
     * [parts], boundary}} (see {@link #body}).
     */
    @HostAccess.Export
    public Result request(String method, String url, Value body, String paramsJson, Value jar) {
        return JsErrors.failuresToScript(() -> new Result(vu.http().send(method, url, body(body), withJar(parse(paramsJson), jar))));
    }

    /** The params, with a jar of the script's own (a {@link #newJar()}) when one is given: it cannot cross as JSON. */
    private static Map<String, ?> withJar(Map<String, Object> params, Value jar) {
        if (jar == null || jar.isNull()) return params;
        Map<String, Object> with = new java.util.HashMap<>(params);
        with.put("jar", jar.asHostObject());
        return with;
    }

    /** http.batch: requests as an array of {method, url, body, params (JSON text)}; the responses in their order. */
    @HostAccess.Export
    public Result[] batch(Value requests) {
        return JsErrors.failuresToScript(() -> {
            java.util.List<jload.Http.BatchRequest> list = new java.util.ArrayList<>();
            for (long i = 0; i < requests.getArraySize(); i++) {
                Value r = requests.getArrayElement(i);
                list.add(new jload.Http.BatchRequest(r.getMember("method").asString(), r.getMember("url").asString(),
                        body(r.getMember("body")), withJar(parse(r.getMember("params").asString()), r.getMember("jar"))));
            }
            return vu.http().batch(list).stream().map(Result::new).toArray(Result[]::new);
        });
    }

    /**
     * The bytes of a request body. A multipart body's parts are {@code {name, value}} (text) or {@code {name, data,
     * filename, contentType}} (a file: data is text or bytes); the module put its boundary into the Content-Type.
     */
    private static byte[] body(Value body) {
        if (body == null || body.isNull()) return null;
        if (body.isString()) return body.asString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        if (body.hasMember("__jloadMultipart")) {
            Value parts = body.getMember("__jloadMultipart");
            java.util.List<jload.engine.proto.http.MultipartBody.Part> list = new java.util.ArrayList<>();
            for (long i = 0; i < parts.getArraySize(); i++) {
                Value p = parts.getArrayElement(i);
                String name = p.getMember("name").asString();
                if (p.hasMember("data")) {
                    Value data = p.getMember("data");
                    byte[] bytes = data.isString() ? data.asString().getBytes(java.nio.charset.StandardCharsets.UTF_8) : JsBytes.from(data);
                    list.add(jload.engine.proto.http.MultipartBody.Part.file(name, p.getMember("filename").asString(),
                            p.getMember("contentType").asString(), bytes));
                } else {
                    list.add(jload.engine.proto.http.MultipartBody.Part.field(name, p.getMember("value").asString()));
                }
            }
            return jload.engine.proto.http.MultipartBody.encode(body.getMember("boundary").asString(), list);
        }
        return JsBytes.from(body);
    }

    /** http.setResponseCallback: the statuses (JSON array) or null for none. */
    @HostAccess.Export
    public void setExpectedStatuses(String statusesJson) {
        JsErrors.onBehalfOfScript(() -> {
            vu.http().setExpectedStatuses(statusesJson == null ? null : (List<?>) parseAny(statusesJson));
            return null;
        });
    }

    // Cookie jars: the VU's (http.cookieJar(); jar null here) or one of the script's own (new http.CookieJar()).

    /** A jar of the script's own: an opaque host object the module keeps in its CookieJar and hands back. */
    @HostAccess.Export
    public Object newJar() {
        return vu.http().newCookieJar();
    }

    private jload.CookieJar jar(Value jar) {
        return jar == null || jar.isNull() ? vu.http().cookieJar() : jar.asHostObject();
    }

    @HostAccess.Export
    public void jarSet(Value jar, String url, String name, String value, String optionsJson) {
        JsErrors.onBehalfOfScript(() -> {
            jar(jar).set(url, name, value, parse(optionsJson));
            return null;
        });
    }

    @HostAccess.Export
    public String jarCookies(Value jar, String url) {
        return JsErrors.onBehalfOfScript(() -> {
            try {
                return JSON.writeValueAsString(jar(jar).cookiesForUrl(url));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @HostAccess.Export
    public void jarClear(Value jar, String url) {
        JsErrors.onBehalfOfScript(() -> {
            jar(jar).clear(url);
            return null;
        });
    }

    @HostAccess.Export
    public void jarDelete(Value jar, String url, String name) {
        JsErrors.onBehalfOfScript(() -> {
            jar(jar).delete(url, name);
            return null;
        });
    }

    /** The last params JSON and its map: the module sends the same text for the same params object. */
    private String lastParamsJson;
    private Map<String, Object> lastParams;

    @SuppressWarnings("unchecked")
    private Map<String, Object> parse(String json) {
        if (json != null && json.equals(lastParamsJson)) return lastParams;
        Object v = parseAny(json);
        Map<String, Object> m = new jload.engine.proto.http.FrozenParams(v == null ? Map.of() : (Map<String, Object>) v);
        lastParamsJson = json;
        lastParams = m;
        return m;
    }

    private static Object parseAny(String json) {
        try {
            return json == null ? null : JSON.readValue(json, Object.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("http: params are not JSON: " + e.getOriginalMessage());
        }
    }

    /** A response, read by the module field by field and only what the script reads (a response is made per request). */
    public static final class Result {
        private final HttpResponse r;

        Result(HttpResponse r) {
            this.r = r;
        }

        @HostAccess.Export
        public String body() {
            return r.body();
        }

        /** The body's bytes for {@code new ArrayBuffer(…)} (responseType binary); null when there is none. */
        @HostAccess.Export
        public java.nio.ByteBuffer bodyBuffer() {
            byte[] b = r.bodyBytes();
            return b == null ? null : java.nio.ByteBuffer.wrap(b);
        }

        @HostAccess.Export public int status() { return r.status(); }
        @HostAccess.Export public String statusText() { return r.statusText(); }
        @HostAccess.Export public String proto() { return r.proto(); }
        @HostAccess.Export public String url() { return r.url(); }
        @HostAccess.Export public String error() { return r.error(); }
        @HostAccess.Export public int errorCode() { return r.errorCode(); }
        @HostAccess.Export public String remoteIp() { return r.remoteIp(); }
        @HostAccess.Export public int remotePort() { return r.remotePort(); }
        @HostAccess.Export public String tlsVersion() { return r.tlsVersion(); }
        @HostAccess.Export public String tlsCipherSuite() { return r.tlsCipherSuite(); }

        /** blocked, connecting, tls_handshaking, sending, waiting, receiving, duration (ms). */
        @HostAccess.Export
        public double[] timings() {
            var t = r.timings();
            return new double[] {t.blocked(), t.connecting(), t.tlsHandshaking(), t.sending(), t.waiting(), t.receiving(), t.duration()};
        }

        @HostAccess.Export
        public String headersJson() {
            ObjectNode h = JSON.createObjectNode();
            r.headers().forEach(h::put);
            return h.toString();
        }

        @HostAccess.Export
        public String requestJson() {
            ObjectNode req = JSON.createObjectNode().put("method", r.requestMethod()).put("url", r.url());
            ObjectNode rh = req.putObject("headers");
            r.requestHeaders().forEach((k, v) -> rh.putArray(k).add(v));
            req.putObject("cookies");
            return req.toString();
        }

        @HostAccess.Export
        public String cookiesJson() {
            ObjectNode cookies = JSON.createObjectNode();
            r.cookies().forEach((name, list) -> {
                var arr = cookies.putArray(name);
                for (jload.HttpCookie c : list) {
                    arr.addObject().put("name", c.name()).put("value", c.value()).put("domain", c.domain()).put("path", c.path())
                            .put("http_only", c.httpOnly()).put("secure", c.secure()).put("max_age", c.maxAge()).put("expires", c.expires());
                }
            });
            return cookies.toString();
        }
    }
}
