package jload.engine.proto.mongo;

import com.mongodb.MongoCommandException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.MongoWriteException;

/** How a failed operation is counted (mongo_errors{kind}) and told. */
final class MongoErrors {
    private MongoErrors() {}

    /** timeout, connection, server (a command or write error), input (the script's JSON), or other. */
    static String kind(Throwable e) {
        if (e instanceof MongoTimeoutException) return "timeout";
        if (e instanceof MongoSocketException) return "connection";
        if (e instanceof MongoCommandException || e instanceof MongoWriteException || e instanceof com.mongodb.MongoBulkWriteException) return "server";
        if (e instanceof org.bson.json.JsonParseException) return "input";
        return "other";
    }

    static String describe(Throwable e) {
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m.length() > 300 ? m.substring(0, 297) + "..." : m;
    }
}
