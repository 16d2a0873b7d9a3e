package jload;

import java.util.Map;

/**
 * A VU's HTTP client (HTTP/1.1, and HTTP/2 where a TLS server offers it), synchronous, with k6's semantics: keep-alive connections of the VU's own, redirects
 * followed (10 by default), every phase timed on the wire and recorded as k6's {@code http_req_*} metrics. A request
 * that fails (a refused connection, a timeout) is not an exception: its response has status 0 and an
 * {@link HttpResponse#error()} and {@link HttpResponse#errorCode()} in k6's numbering — unless the {@code throw}
 * option is set.
 *
 * <p>Params (all optional): {@code headers} (a map), {@code tags} (a map; {@code name} groups URLs),
 * {@code timeout} (ms or a duration string; 60 s by default), {@code redirects} (how many to follow),
 * {@code responseType} {@code binary} keeps the body's bytes ({@link HttpResponse#bodyBytes()}),
 * {@code cookies} (name → value, or → {@code {value, replace}} to override the jar's cookie of that name),
 * {@code responseType} ({@code text} or {@code none}: the body is read and counted, not kept), and
 * {@code expectedStatuses} (a list of statuses and {@code {min, max}} ranges; 200–399 by default) deciding
 * {@code http_req_failed} and the {@code expected_response} tag, and {@code jar} (a jar from {@link #newCookieJar()}
 * to use instead of the VU's for that request and its redirects).
 */
public interface Http {
    /** How long a request may take when its params do not say (k6's default). */
    java.time.Duration DEFAULT_TIMEOUT = java.time.Duration.ofSeconds(60);

    /**
     * k6's {@code http.setResponseCallback(http.expectedStatuses(...))}: the statuses (numbers and {@code {min, max}}
     * maps) that count as expected for this VU's requests from now on; null for none (then no {@code http_req_failed}).
     */
    void setExpectedStatuses(java.util.List<?> statuses);

    /** This VU's cookie jar for the current iteration. */
    CookieJar cookieJar();

    /**
     * k6's {@code new http.CookieJar()}: an empty jar of the script's own, used by the requests whose params name it
     * ({@code jar}); unlike the VU's, it is kept across iterations for as long as the script holds it.
     */
    CookieJar newCookieJar();

    /** Sends {@code method} to {@code url} with {@code body} (bytes as they are, or null for none). */
    HttpResponse send(String method, String url, byte[] body, Map<String, ?> params);

    /** Sends {@code method} to {@code url} with {@code body} (text, sent as UTF-8; or null for none). */
    default HttpResponse request(String method, String url, String body, Map<String, ?> params) {
        return send(method, url, body == null ? null : body.getBytes(java.nio.charset.StandardCharsets.UTF_8), params);
    }

    /** One request of a {@link #batch}. */
    record BatchRequest(String method, String url, byte[] body, Map<String, ?> params) {}

    /**
     * k6's http.batch: the requests in parallel on the VU's connections (at most {@code batch} at once, 20 by default,
     * and {@code batchPerHost} to one host, 6), their responses in the requests' order.
     */
    java.util.List<HttpResponse> batch(java.util.List<BatchRequest> requests);

    default HttpResponse get(String url) {
        return request("GET", url, null, Map.of());
    }

    default HttpResponse get(String url, Map<String, ?> params) {
        return request("GET", url, null, params);
    }

    default HttpResponse post(String url, String body) {
        return request("POST", url, body, Map.of());
    }

    default HttpResponse post(String url, String body, Map<String, ?> params) {
        return request("POST", url, body, params);
    }

    default HttpResponse put(String url, String body, Map<String, ?> params) {
        return request("PUT", url, body, params);
    }

    default HttpResponse patch(String url, String body, Map<String, ?> params) {
        return request("PATCH", url, body, params);
    }

    default HttpResponse delete(String url, String body, Map<String, ?> params) {
        return request("DELETE", url, body, params);
    }

    default HttpResponse head(String url, Map<String, ?> params) {
        return request("HEAD", url, null, params);
    }
}
