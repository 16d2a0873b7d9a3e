package jload.engine.proto.ws;

import java.net.URI;

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
}
