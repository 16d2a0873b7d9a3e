package jload.engine.plan;

import java.util.Map;

/**
 * The script's options for its HTTP client, as k6 reads them: {@code discardResponseBodies} (requests default to
 * {@code responseType: 'none'}), {@code maxRedirects} (10), {@code userAgent} (jload's; an empty string sends none),
 * {@code noConnectionReuse} (a new connection per request), {@code noVUConnectionReuse} (none kept across
 * iterations), {@code insecureSkipTLSVerify}, {@code hosts} (a name → an IP, or IP:port, as /etc/hosts would), and
 * {@code batch} / {@code batchPerHost} (how many requests of one http.batch run at once, in all and per host; 20 and 6).
 */
public record HttpOptions(boolean discardResponseBodies, int maxRedirects, String userAgent, boolean noConnectionReuse,
                          boolean noVUConnectionReuse, boolean insecureSkipTlsVerify, Map<String, String> hosts, int batch,
                          int batchPerHost, java.util.List<String> tlsProtocols, java.util.List<String> tlsCipherSuites,
                          java.util.List<jload.engine.proto.ClientCertificates.Entry> tlsAuth) {
    /** k6's TLS version names, oldest first, and the JDK's. */
    private static final java.util.List<String> K6_TLS = java.util.List.of("tls1.0", "tls1.1", "tls1.2", "tls1.3");
    private static final java.util.List<String> JDK_TLS = java.util.List.of("TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3");

    public static final String DEFAULT_USER_AGENT = "jload/" + jload.engine.cli.BuildInfo.jloadVersion();
    public static final HttpOptions DEFAULTS = new HttpOptions(false, 10, DEFAULT_USER_AGENT, false, false, false, Map.of(), 20, 6, java.util.List.of(), java.util.List.of(), java.util.List.of());

    static HttpOptions read(OptionReader options) {
        return new HttpOptions(options.bool("discardResponseBodies", false),
                (int) options.integer("maxRedirects", 10, 0),
                options.string("userAgent", DEFAULT_USER_AGENT),
                options.bool("noConnectionReuse", false),
                options.bool("noVUConnectionReuse", false),
                options.bool("insecureSkipTLSVerify", false),
                Map.copyOf(options.stringMap("hosts")),
                (int) options.integer("batch", 20, 1),
                (int) options.integer("batchPerHost", 6, 0),
                tlsProtocols(options.raw("tlsVersion")),
                options.has("tlsCipherSuites") ? java.util.List.copyOf(options.stringList("tlsCipherSuites", java.util.List.of())) : java.util.List.of(),
                tlsAuth(options.raw("tlsAuth")));
    }

    /** k6's {@code tlsAuth}: [{cert, key, domains}] (PEM texts); checked here so a bad one stops the run before it starts. */
    private static java.util.List<jload.engine.proto.ClientCertificates.Entry> tlsAuth(com.fasterxml.jackson.databind.JsonNode v) {
        if (v == null || v.isNull()) return java.util.List.of();
        if (!v.isArray()) throw new ConfigException("tlsAuth: expected an array of {cert, key, domains}");
        java.util.List<jload.engine.proto.ClientCertificates.Entry> out = new java.util.ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            var e = v.get(i);
            if (!e.path("cert").isTextual() || !e.path("key").isTextual()) {
                throw new ConfigException("tlsAuth[" + i + "]: expected cert and key as PEM strings");
            }
            if (e.has("password")) throw new ConfigException("tlsAuth[" + i + "].password: encrypted keys are not supported; decrypt the key");
            java.util.List<String> domains = new java.util.ArrayList<>();
            e.path("domains").forEach(d -> domains.add(d.asText()));
            out.add(new jload.engine.proto.ClientCertificates.Entry(e.get("cert").asText(), e.get("key").asText(), java.util.List.copyOf(domains)));
        }
        try {
            jload.engine.proto.ClientCertificates.keyManagers(out);
        } catch (IllegalArgumentException bad) {
            throw new ConfigException(bad.getMessage());
        }
        return java.util.List.copyOf(out);
    }

    /** k6's {@code tlsVersion}: one version ("tls1.2") or {@code {min, max}}; the JDK's names of the versions allowed. */
    private static java.util.List<String> tlsProtocols(com.fasterxml.jackson.databind.JsonNode v) {
        if (v == null || v.isNull()) return java.util.List.of();
        String min, max;
        if (v.isTextual()) {
            min = max = v.asText();
        } else if (v.isObject()) {
            min = v.path("min").asText(K6_TLS.getFirst());
            max = v.path("max").asText(K6_TLS.getLast());
        } else {
            throw new ConfigException("tlsVersion: expected a version like \"tls1.2\" or {min, max}, got " + v);
        }
        int from = K6_TLS.indexOf(min), to = K6_TLS.indexOf(max);
        if (from < 0 || to < 0 || from > to) {
            throw new ConfigException("tlsVersion: expected versions among " + K6_TLS + " with min ≤ max, got " + v);
        }
        return java.util.List.copyOf(JDK_TLS.subList(from, to + 1));
    }
}
