package jload.engine.proto.http;

/** A URL as jload shows it (tags, errors, responses): credentials masked as k6's URL.Clean() masks them. */
final class CleanUrl {
    private CleanUrl() {}

    static String of(String url) {
        int scheme = url.indexOf("://");
        if (scheme < 0) return url;
        int at = url.indexOf('@', scheme + 3);
        int slash = url.indexOf('/', scheme + 3);
        if (at < 0 || (slash >= 0 && at > slash)) return url;
        String info = url.substring(scheme + 3, at);
        return url.substring(0, scheme + 3) + (info.contains(":") ? "****:****" : "****") + url.substring(at);
    }
}
