package jload.engine.proto.mongo;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.bson.Document;

/**
 * The run's MongoDB drivers, one per URI (each keeps its own connection pool, which the VUs share). A driver is
 * checked with a ping when first made, so a deployment that does not answer stops the run before it starts.
 */
public final class MongoConnections implements AutoCloseable {
    private static final int PING_TIMEOUT_MS = 5_000;
    /** The driver logs through SLF4J when present, else java.util.logging: its monitor's warnings would land in the run's output. */
    private static final java.util.logging.Logger DRIVER_LOG = java.util.logging.Logger.getLogger("org.mongodb.driver");

    static {
        DRIVER_LOG.setLevel(java.util.logging.Level.OFF);
    }

    private final Map<String, MongoClient> clients = new ConcurrentHashMap<>();

    /** Whether {@code uri} is a MongoDB connection string. @throws MongoSetupException naming it, password masked */
    public static ConnectionString check(String uri) {
        if (uri == null || !(uri.startsWith("mongodb://") || uri.startsWith("mongodb+srv://"))) {
            throw new MongoSetupException("'" + masked(uri) + "': expected a mongodb:// URI, e.g. mongodb://127.0.0.1:27017");
        }
        try {
            return new ConnectionString(uri);
        } catch (RuntimeException e) {
            throw new MongoSetupException("'" + masked(uri) + "': not a MongoDB URI (" + String.valueOf(e.getMessage()).replace(uri, masked(uri)) + ")");
        }
    }

    MongoClient client(String uri) {
        MongoClient c = clients.get(uri);
        if (c != null) return c;
        synchronized (this) {
            c = clients.get(uri);
            if (c != null) return c;
            ConnectionString cs = check(uri);
            MongoClient made = MongoClients.create(MongoClientSettings.builder().applyConnectionString(cs)
                    .applyToClusterSettings(b -> b.serverSelectionTimeout(PING_TIMEOUT_MS, TimeUnit.MILLISECONDS))
                    .applyToSocketSettings(b -> b.connectTimeout(PING_TIMEOUT_MS, TimeUnit.MILLISECONDS))
                    .build());
            try {
                DriverCalls.run(() -> made.getDatabase("admin").runCommand(new Document("ping", 1)));
            } catch (RuntimeException e) {
                made.close();
                throw new MongoSetupException(masked(uri) + ": no answer to a ping within " + PING_TIMEOUT_MS + " ms ("
                        + MongoErrors.describe(e) + ")");
            }
            clients.put(uri, made);
            return made;
        }
    }

    /** {@code uri} with its user and password as "***". */
    public static String masked(String uri) {
        if (uri == null) return "null";
        int scheme = uri.indexOf("//");
        int at = uri.indexOf('@', Math.max(0, scheme));
        int slash = uri.indexOf('/', scheme + 2);
        if (scheme < 0 || at < 0 || (slash >= 0 && at > slash)) return uri;
        return uri.substring(0, scheme + 2) + "***" + uri.substring(at);
    }

    @Override
    public synchronized void close() {
        for (MongoClient c : clients.values()) c.close();
        clients.clear();
    }
}
