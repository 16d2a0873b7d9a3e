package jload.engine.script.js;

import java.util.List;
import jload.MongoCollection;
import jload.engine.proto.mongo.MongoSetupException;
import jload.engine.script.EngineVu;
import org.graalvm.polyglot.HostAccess;

/** The host object behind jload/mongo ({@code globalThis.__jload_mongo}); documents cross as JSON text. */
public final class JsMongo {
    private final EngineVu vu;

    JsMongo(EngineVu vu) {
        this.vu = vu;
    }

    @HostAccess.Export
    public Client client(String uri) {
        return JsErrors.onBehalfOfScript(() -> {
            try {
                return new Client(vu.mongo().client(uri));
            } catch (MongoSetupException e) {
                throw new IllegalArgumentException("mongo: " + e.getMessage());
            }
        });
    }

    public static final class Client {
        private final jload.MongoClient c;

        Client(jload.MongoClient c) {
            this.c = c;
        }

        @HostAccess.Export
        public Collection collection(String database, String name) {
            return new Collection(c.collection(database, name));
        }
    }

    /** One collection's operations; a failure under the throw option, or a script's bad JSON, becomes the script's error. */
    public static final class Collection {
        private final MongoCollection c;

        Collection(MongoCollection c) {
            this.c = c;
        }

        private static <T> T call(java.util.function.Supplier<T> body) {
            return JsErrors.failuresToScript(body);
        }

        @HostAccess.Export public String insertOne(String doc) { return call(() -> c.insertOne(doc)); }
        @HostAccess.Export public double insertMany(String[] docs, int batchSize) { return call(() -> c.insertMany(List.of(docs), batchSize)); }
        @HostAccess.Export public String find(String filter, String sort, int limit) { return call(() -> c.find(filter, sort, limit)); }
        @HostAccess.Export public String findOne(String filter) { return call(() -> c.findOne(filter)); }
        @HostAccess.Export public double count(String filter) { return call(() -> c.count(filter)); }
        @HostAccess.Export public double deleteMany(String filter) { return call(() -> c.deleteMany(filter)); }
        @HostAccess.Export public double deleteOne(String filter) { return call(() -> c.deleteOne(filter)); }
        @HostAccess.Export public double updateOne(String filter, String update, boolean upsert) { return call(() -> c.updateOne(filter, update, upsert)); }
        @HostAccess.Export public double updateMany(String filter, String update, boolean upsert) { return call(() -> c.updateMany(filter, update, upsert)); }
        @HostAccess.Export public String distinct(String field, String filter) { return call(() -> c.distinct(field, filter)); }
        @HostAccess.Export public String aggregate(String pipeline) { return call(() -> c.aggregate(pipeline)); }
        @HostAccess.Export public boolean drop() { return call(c::drop); }
        @HostAccess.Export public String createIndex(String keys) { return call(() -> c.createIndex(keys)); }
        @HostAccess.Export public String lastError() { return c.lastError(); }
    }
}
