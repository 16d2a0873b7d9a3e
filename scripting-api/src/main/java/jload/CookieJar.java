package jload;

import java.util.List;
import java.util.Map;

/**
 * A VU's cookies ({@code http.cookieJar()} in k6): responses' Set-Cookie headers go in, matching cookies go out with
 * each request to the same site. A new, empty jar is made for every iteration, as k6 does.
 */
public interface CookieJar {
    /** Sets a cookie for {@code url}; options {@code domain}, {@code path}, {@code expires} (RFC 1123), {@code max_age}, {@code secure}, {@code http_only}. */
    void set(String url, String name, String value, Map<String, ?> options);

    /** The cookies a request to {@code url} would send: name → values. */
    Map<String, List<String>> cookiesForUrl(String url);

    /** Forgets every cookie that {@code url} would send. */
    void clear(String url);

    /** Forgets the cookie {@code name} that {@code url} would send. */
    void delete(String url, String name);
}
