package jload.engine.proto.redis;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;

/** How a failed Redis call is counted (redis_errors{kind}) and told. */
final class RedisErrors {
    private RedisErrors() {}

    /** timeout, server (an error reply), disconnected (no connection: the command was rejected), or other. */
    static String kind(Throwable e) {
        if (e instanceof RedisCommandTimeoutException) return "timeout";
        if (e instanceof RedisCommandExecutionException) return "server";
        if (e instanceof RedisConnectionException || String.valueOf(e.getMessage()).contains("not connected")) return "disconnected";
        return "other";
    }

    static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        String outer = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return root == e || root.getMessage() == null ? outer : outer + ": " + root.getMessage();
    }
}
