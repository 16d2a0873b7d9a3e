package jload.engine.proto.redis;

/** A Redis URL that is malformed, or a server that refused: the message names the URL with its password masked. */
public final class RedisSetupException extends RuntimeException {
    public RedisSetupException(String message) {
        super(message);
    }
}
