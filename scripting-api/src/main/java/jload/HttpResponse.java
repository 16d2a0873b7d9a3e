package jload;

import java.util.Map;

/** What an HTTP request got, as k6's Response has it. */
public interface HttpResponse {
    /** The status; 0 when no response came (see {@link #error()}). */
    int status();

    /** The status line's text, e.g. "200 OK"; empty without a response. */
    String statusText();

    /** "HTTP/1.1"; empty without a response. */
    String proto();

    /** The URL of the last request (after redirects), credentials masked. */
    String url();

    /** The response's headers, names in canonical case ("Content-Type"); several values of one name joined by ", ". */
    Map<String, String> headers();

    /** The body as text (UTF-8 unless the Content-Type says otherwise); null with {@code responseType: none} or without a response. */
    String body();

    /** The body's bytes (decompressed); null with {@code responseType: none} or without a response. */
    byte[] bodyBytes();

    HttpTimings timings();

    /** Why the request failed, as k6 says it ("dial: connection refused", "request timeout"); empty when it did not. */
    String error();

    /** k6's error code: 1212 refused, 1211 connect timeout, 1050 request timeout, 1000 + status for 4xx/5xx, …; 0 when none. */
    int errorCode();

    /** The TLS version as k6 names it ("tls1.3"), and the cipher suite; empty over plain HTTP or without a response. */
    String tlsVersion();

    String tlsCipherSuite();

    /** The peer's IP and port; empty and 0 without a connection. */
    String remoteIp();

    int remotePort();

    /** The cookies the response set, by name. */
    Map<String, java.util.List<HttpCookie>> cookies();

    /** The request that got this response: method, URL, headers sent. */
    String requestMethod();

    Map<String, String> requestHeaders();
}
