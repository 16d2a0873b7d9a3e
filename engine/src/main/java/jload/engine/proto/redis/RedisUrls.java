package jload.engine.proto.redis;

import io.lettuce.core.RedisURI;

/** Redis URLs as scripts write them, and as jload may show them: never with the password. */
public final class RedisUrls {
    private RedisUrls() {}

    /** @throws RedisSetupException for a URL Lettuce cannot read, named without its password */
    public static RedisURI parse(String url) {
        if (url == null || url.isBlank() || url.equals("undefined") || url.equals("null")) {
            throw new RedisSetupException("no Redis URL was given (got " + (url == null ? "null" : "'" + url + "'")
                    + "): pass one, e.g. -e REDIS_URL=redis://127.0.0.1:6379 and redis.client(__ENV.REDIS_URL)");
        }
        if (url == null || !(url.startsWith("redis://") || url.startsWith("rediss://"))) {
            throw new RedisSetupException("'" + masked(url) + "': expected a redis:// or rediss:// URL, e.g. redis://127.0.0.1:6379");
        }
        try {
            return RedisURI.create(url);
        } catch (RuntimeException e) {
            throw new RedisSetupException("'" + masked(url) + "': not a Redis URL (" + e.getMessage().replace(url, masked(url)) + ")");
        }
    }

    /** {@code url} with whatever stands between "//" and "@" (a password, a user and password) as "***". */
    public static String masked(String url) {
        if (url == null) return "null";
        int scheme = url.indexOf("//");
        int at = url.lastIndexOf('@');
        if (scheme < 0 || at < scheme) return url;
        return url.substring(0, scheme + 2) + "***" + url.substring(at);
    }
}
