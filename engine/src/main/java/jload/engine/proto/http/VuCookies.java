package jload.engine.proto.http;

import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A VU's cookie jar for one iteration ({@link jload.CookieJar}): Set-Cookie headers of every response (redirect hops
 * included) go in, the cookies matching a request's URL go out with it. The JDK's cookie manager does the matching
 * (domain, path, secure, expiry). Used by the VU's thread.
 */
public final class VuCookies implements jload.CookieJar {
    private final CookieManager manager = new CookieManager(null, CookiePolicy.ACCEPT_ALL);

    /** Keeps the cookies a response from {@code uri} set. */
    void received(URI uri, List<String> setCookies) {
        if (setCookies.isEmpty()) return;
        try {
            manager.put(uri, Map.of("Set-Cookie", setCookies));
        } catch (java.io.IOException | IllegalArgumentException malformed) {
            // a cookie the JDK cannot read is dropped, as a browser drops it
        }
    }

    /** The jar's cookies for {@code uri}, name → value, in the jar's order. */
    Map<String, String> forRequest(URI uri) {
        Map<String, String> out = new LinkedHashMap<>();
        for (HttpCookie c : matching(uri)) out.putIfAbsent(c.getName(), c.getValue());
        return out;
    }

    private List<HttpCookie> matching(URI uri) {
        List<HttpCookie> out = new ArrayList<>();
        boolean secure = "https".equalsIgnoreCase(uri.getScheme());
        for (HttpCookie c : manager.getCookieStore().get(uri)) {
            if (c.hasExpired() || (c.getSecure() && !secure)) continue;
            String path = c.getPath() == null ? "/" : c.getPath();
            String requestPath = uri.getPath() == null || uri.getPath().isEmpty() ? "/" : uri.getPath();
            if (requestPath.startsWith(path)) out.add(c);
        }
        return out;
    }

    @Override
    public void set(String url, String name, String value, Map<String, ?> options) {
        URI uri = URI.create(url);
        HttpCookie c = new HttpCookie(name, value);
        c.setPath(options.get("path") == null ? "/" : String.valueOf(options.get("path")));
        if (options.get("domain") != null) c.setDomain(String.valueOf(options.get("domain")));
        if (options.get("max_age") instanceof Number n) c.setMaxAge(n.longValue());
        if (options.get("expires") != null && !String.valueOf(options.get("expires")).isEmpty()) {
            ZonedDateTime at = ZonedDateTime.parse(String.valueOf(options.get("expires")), DateTimeFormatter.RFC_1123_DATE_TIME);
            c.setMaxAge(Math.max(0, at.toEpochSecond() - System.currentTimeMillis() / 1000));
        }
        if (Boolean.TRUE.equals(options.get("secure"))) c.setSecure(true);
        if (Boolean.TRUE.equals(options.get("http_only"))) c.setHttpOnly(true);
        manager.getCookieStore().add(uri, c);
    }

    @Override
    public Map<String, List<String>> cookiesForUrl(String url) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (HttpCookie c : matching(URI.create(url))) out.computeIfAbsent(c.getName(), n -> new ArrayList<>()).add(c.getValue());
        return out;
    }

    @Override
    public void clear(String url) {
        URI uri = URI.create(url);
        for (HttpCookie c : matching(uri)) remove(uri, c);
    }

    @Override
    public void delete(String url, String name) {
        URI uri = URI.create(url);
        for (HttpCookie c : matching(uri)) {
            if (c.getName().equals(name)) remove(uri, c);
        }
    }

    private void remove(URI uri, HttpCookie c) {
        if (!manager.getCookieStore().remove(uri, c)) manager.getCookieStore().remove(null, c);
    }

    /** The cookies a response set, as k6's response.cookies: name → each one's fields. */
    static Map<String, List<jload.HttpCookie>> fromResponse(List<String> setCookies) {
        Map<String, List<jload.HttpCookie>> out = new LinkedHashMap<>();
        for (String header : setCookies) {
            List<HttpCookie> parsed;
            try {
                parsed = HttpCookie.parse("Set-Cookie: " + header);
            } catch (IllegalArgumentException malformed) {
                continue;
            }
            String lower = header.toLowerCase(Locale.ROOT);
            for (HttpCookie c : parsed) {
                long maxAge = lower.contains("max-age") ? c.getMaxAge() : 0;
                out.computeIfAbsent(c.getName(), n -> new ArrayList<>()).add(new jload.HttpCookie(c.getName(), c.getValue(),
                        c.getDomain() == null ? "" : c.getDomain(), c.getPath() == null ? "" : c.getPath(), c.isHttpOnly(), c.getSecure(),
                        maxAge, expires(header)));
            }
        }
        return out;
    }

    private static long expires(String header) {
        for (String part : header.split(";")) {
            String p = part.trim();
            if (p.regionMatches(true, 0, "expires=", 0, 8)) {
                try {
                    return ZonedDateTime.parse(p.substring(8).trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant().toEpochMilli();
                } catch (RuntimeException unreadable) {
                    return 0;
                }
            }
        }
        return 0;
    }
}
