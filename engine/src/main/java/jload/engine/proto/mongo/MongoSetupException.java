package jload.engine.proto.mongo;

/** A MongoDB URI that is malformed, or a deployment that did not answer: the message names it with its password masked. */
public final class MongoSetupException extends RuntimeException {
    public MongoSetupException(String message) {
        super(message);
    }
}
