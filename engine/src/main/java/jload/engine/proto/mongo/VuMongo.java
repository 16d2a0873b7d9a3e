package jload.engine.proto.mongo;

import java.util.function.Supplier;
import jload.Mongo;
import jload.MongoClient;
import jload.engine.metrics.BuiltinMetrics;
import jload.engine.metrics.MetricRegistry;
import jload.engine.metrics.TagSet;

/** One VU's MongoDB clients. Used only by the VU's thread. */
public final class VuMongo implements Mongo {
    private final Supplier<MongoConnections> connections;
    private final MongoMetrics metrics;
    private final Supplier<TagSet> vuTags;
    private final boolean throwErrors;

    public VuMongo(Supplier<MongoConnections> connections, MetricRegistry registry, BuiltinMetrics builtins, Supplier<TagSet> vuTags,
                   boolean throwErrors) {
        this.connections = connections;
        this.metrics = new MongoMetrics(registry, builtins);
        this.vuTags = vuTags;
        this.throwErrors = throwErrors;
    }

    /** @throws MongoSetupException for a malformed URI or a deployment that does not answer: in the init code, that stops the run */
    @Override
    public MongoClient client(String uri) {
        com.mongodb.client.MongoClient driver = connections.get().client(uri);
        return (database, name) -> new SyncMongoCollection(driver.getDatabase(database).getCollection(name), metrics,
                () -> vuTags.get().with("collection", database + "." + name), throwErrors);
    }
}
