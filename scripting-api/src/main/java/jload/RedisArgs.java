package jload;

/** Argument lists of the Redis commands {@link RedisClient} shapes: a key, then values. */
final class RedisArgs {
    private RedisArgs() {}

    static String[] of(String key, String... rest) {
        String[] all = new String[rest.length + 1];
        all[0] = key;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }
}
