package jload.engine.script;

import java.util.List;
import jload.MongoClient;
import jload.MongoCollection;

/** A MongoDB client made while the options are read: its URI was checked; an operation would run before any VU, so none does. */
final class InitOnlyMongoClient implements MongoClient {
    private static IllegalStateException initOnly() {
        return new IllegalStateException("MongoDB operations are not available in the init context; call them in the default function, setup() or teardown()");
    }

    @Override
    public MongoCollection collection(String database, String name) {
        return new MongoCollection() {
            @Override public String insertOne(String d) { throw initOnly(); }
            @Override public long insertMany(List<String> d, int b) { throw initOnly(); }
            @Override public String find(String f, String s, int l) { throw initOnly(); }
            @Override public String findOne(String f) { throw initOnly(); }
            @Override public long count(String f) { throw initOnly(); }
            @Override public long deleteMany(String f) { throw initOnly(); }
            @Override public long deleteOne(String f) { throw initOnly(); }
            @Override public long updateOne(String f, String u, boolean upsert) { throw initOnly(); }
            @Override public long updateMany(String f, String u, boolean upsert) { throw initOnly(); }
            @Override public String distinct(String field, String f) { throw initOnly(); }
            @Override public String aggregate(String p) { throw initOnly(); }
            @Override public boolean drop() { throw initOnly(); }
            @Override public String createIndex(String k) { throw initOnly(); }
            @Override public String lastError() { return null; }
        };
    }
}
