package jload.engine.proto.ws;

import java.net.URI;
import java.util.Locale;

/** URLs as jload shows and tags them: never with a password or a query string (tokens live there). */
public final class WsUrls {

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
     * except its user info (shown as ***: a token may be the user name, a password may hold an
     * '@') and its query (shown as ?…), where tokens live.
     */
    public static String asWritten(String url) {
        String s = url;
        int query = s.indexOf('?');
        if (query >= 0) {
            int fragment = s.indexOf('#', query);
            s = s.substring(0, query) + "?…" + (fragment >= 0 ? s.substring(fragment) : "");
        }
        int scheme = s.indexOf("://");
        int authority = scheme < 0 ? 0 : scheme + 3;
        int end = authority;
        while (end < s.length() && "/?#".indexOf(s.charAt(end)) < 0) end++;
        int at = s.lastIndexOf('@', end - 1);
        return at >= authority ? s.substring(0, authority) + "***" + s.substring(at) : s;
    }

    /** The port a ws:// or wss:// URL connects to: its own, or the scheme's default. */
    public static int port(URI uri) {
        return uri.getPort() > 0 ? uri.getPort() : "wss".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    /** {@code url} as a URI; an unparseable one is an error whose message shows it {@link #asWritten}. */
    public static URI parse(String url) {
        try {
            return new URI(url);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("'" + asWritten(url) + "' is not a valid URL: " + e.getReason());
        }
    }

    /** Why {@code uri} cannot be opened as a WebSocket, or null when it can. */
    public static String problem(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("ws") && !scheme.equals("wss")) return "expected a ws:// or wss:// URL";
        if (uri.getHost() == null) return "the URL has no host";
        return null;
    }
}
