package jload.engine.proto.ws;

import java.net.URI;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** URLs as jload shows and tags them: never with a password or a query string (tokens live there). */
public final class WsUrls {
    private static final Pattern PASSWORD = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*://[^/?#@:]*):[^/?#@]*@");

    private WsUrls() {}

    /** scheme://host[:port]/path — no user info, no query, no fragment. */
    public static String redacted(URI uri) {
        StringBuilder sb = new StringBuilder();
        if (uri.getScheme() != null) sb.append(uri.getScheme()).append("://");
        if (uri.getHost() != null) sb.append(uri.getHost());
        if (uri.getPort() > 0) sb.append(':').append(uri.getPort());
        sb.append(uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath());
        return sb.toString();
    }

    /**
     * The URL exactly as the script wrote it, for messages about a URL that may not even parse —
     * except a password (shown as ***) and the query (shown as ?…), where tokens live.
     */
    public static String asWritten(String url) {
        String s = url;
        int query = s.indexOf('?');
        if (query >= 0) {
            int fragment = s.indexOf('#', query);
            s = s.substring(0, query) + "?…" + (fragment >= 0 ? s.substring(fragment) : "");
        }
        Matcher m = PASSWORD.matcher(s);
        return m.find() ? m.group(1) + ":***@" + s.substring(m.end()) : s;
    }

    /** The port a ws:// or wss:// URL connects to: its own, or the scheme's default. */
    public static int port(URI uri) {
        return uri.getPort() > 0 ? uri.getPort() : "wss".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    /** Why {@code uri} cannot be opened as a WebSocket, or null when it can. */
    public static String problem(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("ws") && !scheme.equals("wss")) return "expected a ws:// or wss:// URL";
        if (uri.getHost() == null) return "the URL has no host";
        return null;
    }
}
