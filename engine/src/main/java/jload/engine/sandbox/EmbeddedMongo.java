package jload.engine.sandbox;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.net.InetSocketAddress;

/**
 * An in-memory MongoDB-compatible server (mongo-java-server) on a free port of 127.0.0.1, for a sandbox whose
 * scenario uses MongoDB on a machine without one. It speaks MongoDB's wire protocol to the real driver, but it is
 * not a mongod: no replication, no transactions, a subset of query operators, nothing on disk, and its speed says
 * nothing about a real server's.
 */
public final class EmbeddedMongo implements AutoCloseable {
    private final MongoServer server;
    private final String uri;

    private EmbeddedMongo(MongoServer server, InetSocketAddress address) {
        this.server = server;
        this.uri = "mongodb://127.0.0.1:" + address.getPort();
    }

    public static EmbeddedMongo start() {
        MongoServer server = new MongoServer(new MemoryBackend());
        server.bind("127.0.0.1", 0);
        return new EmbeddedMongo(server, server.getLocalAddress());
    }

    public String uri() {
        return uri;
    }

    @Override
    public void close() {
        server.shutdownNow();
    }
}
