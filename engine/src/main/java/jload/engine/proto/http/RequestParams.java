package jload.engine.proto.http;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jload.engine.script.ScriptDurations;

/** A request's params, read once: see {@link jload.Http} for what each means. */
record RequestParams(Map<String, String> headers, Map<String, String> tags, Duration timeout, int redirects, boolean keepBody,
                     ExpectedStatuses expected, Map<String, Cookie> cookies, List<String> compression, String auth, VuCookies jar) {
    private static final java.util.Set<String> KNOWN = java.util.Set.of("headers", "tags", "timeout", "redirects", "responseType",
            "expectedStatuses", "cookies", "compression", "auth", "jar");

    /** A cookie the request sends besides the jar's; {@code replace}: instead of the jar's of that name. */
    record Cookie(String value, boolean replace) {}

    /** @throws IllegalArgumentException naming an unknown or malformed param */
    static RequestParams of(Map<String, ?> params, ExpectedStatuses vuDefault, boolean keepBodyByDefault) {
        for (String key : params.keySet()) {
            if (!KNOWN.contains(key)) {
                throw new IllegalArgumentException("http: unknown param '" + key + "'; expected one of " + new java.util.TreeSet<>(KNOWN));
            }
        }
        String type = params.get("responseType") == null ? (keepBodyByDefault ? "text" : "none") : String.valueOf(params.get("responseType"));
        if (!type.equals("text") && !type.equals("none") && !type.equals("binary")) {
            throw new IllegalArgumentException("http: responseType '" + type + "' is not supported; expected text, binary or none");
        }
        Object redirects = params.get("redirects");
        ExpectedStatuses expected = vuDefault;
        if (params.containsKey("expectedStatuses")) {
            expected = params.get("expectedStatuses") == null ? null : ExpectedStatuses.of((List<?>) params.get("expectedStatuses"));
        }
        return new RequestParams(strings(params.get("headers"), "headers"), strings(params.get("tags"), "tags"),
                ScriptDurations.of(params.get("timeout"), jload.Http.DEFAULT_TIMEOUT, "timeout"),
                redirects == null ? -1 : ((Number) redirects).intValue(), !type.equals("none"), expected, cookies(params.get("cookies")),
                compression(params.get("compression")), auth(params.get("auth")), jar(params.get("jar")));
    }

    /** k6's {@code jar}: another jar than the VU's for this request; null for the VU's. */
    private static VuCookies jar(Object value) {
        if (value == null || value instanceof VuCookies) return (VuCookies) value;
        throw new IllegalArgumentException("http: 'jar' must be a cookie jar (http.cookieJar() or a new http.CookieJar()), not "
                + value.getClass().getSimpleName());
    }

    /** k6's {@code auth}: basic (the URL's credentials, also without it) or digest. */
    private static String auth(Object value) {
        String a = value == null ? "basic" : String.valueOf(value).toLowerCase(java.util.Locale.ROOT);
        if (!a.equals("basic") && !a.equals("digest")) {
            throw new IllegalArgumentException("http: auth '" + value + "' is not supported; expected basic or digest (ntlm is not in jload)");
        }
        return a;
    }

    /** k6's {@code compression: 'gzip, deflate'}: the body is compressed with each, in order. */
    private static List<String> compression(Object value) {
        if (value == null || String.valueOf(value).isBlank()) return List.of();
        List<String> out = new java.util.ArrayList<>();
        for (String a : String.valueOf(value).split(",")) {
            String algo = a.trim();
            if (!algo.equals("gzip") && !algo.equals("deflate")) {
                throw new IllegalArgumentException("unknown compression algorithm " + algo + ", supported algorithms are gzip, deflate"
                        + (algo.equals("br") || algo.equals("zstd") ? " (k6's br and zstd are not in jload)" : ""));
            }
            out.add(algo);
        }
        return List.copyOf(out);
    }

    private static Map<String, Cookie> cookies(Object value) {
        if (value == null) return Map.of();
        if (!(value instanceof Map<?, ?> m)) throw new IllegalArgumentException("http: 'cookies' must be an object of names and values");
        Map<String, Cookie> out = new LinkedHashMap<>();
        m.forEach((k, v) -> {
            if (v instanceof Map<?, ?> c) out.put(String.valueOf(k), new Cookie(String.valueOf(c.get("value")), Boolean.TRUE.equals(c.get("replace"))));
            else out.put(String.valueOf(k), new Cookie(String.valueOf(v), false));
        });
        return out;
    }

    private static Map<String, String> strings(Object value, String what) {
        if (value == null) return Map.of();
        if (!(value instanceof Map<?, ?> m)) throw new IllegalArgumentException("http: '" + what + "' must be an object of names and values");
        Map<String, String> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(String.valueOf(k), String.valueOf(v)));
        return out;
    }
}
