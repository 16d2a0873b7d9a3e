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
                          int batchPerHost) {
    public static final String DEFAULT_USER_AGENT = "jload/" + jload.engine.cli.BuildInfo.jloadVersion();
    public static final HttpOptions DEFAULTS = new HttpOptions(false, 10, DEFAULT_USER_AGENT, false, false, false, Map.of(), 20, 6);

    static HttpOptions read(OptionReader options) {
        return new HttpOptions(options.bool("discardResponseBodies", false),
                (int) options.integer("maxRedirects", 10, 0),
                options.string("userAgent", DEFAULT_USER_AGENT),
                options.bool("noConnectionReuse", false),
                options.bool("noVUConnectionReuse", false),
                options.bool("insecureSkipTLSVerify", false),
                Map.copyOf(options.stringMap("hosts")),
                (int) options.integer("batch", 20, 1),
                (int) options.integer("batchPerHost", 6, 0));
    }
}
