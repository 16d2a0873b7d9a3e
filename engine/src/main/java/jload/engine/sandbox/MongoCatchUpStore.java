package jload.engine.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;

/**
 * Catch-up events kept in a MongoDB collection, as seed 001's gateway keeps them, so a load test can seed the history
 * a replay must send ({@code insertMany} of {@code {room, seq, ...}} documents) and time the replay. One document per
 * event: the event's own fields, {@code room}, {@code seq} (its number in the room), and {@code namespace} when it is
 * not {@code /}. A replay sends each document without {@code _id} and {@code namespace}. Numbering continues from the
 * highest {@code seq} the collection holds for the room when the sandbox first appends to it. Thread-safe.
 */
final class MongoCatchUpStore implements CatchUpStore, AutoCloseable {
    static final String DATABASE = "jload_sandbox";
    static final String COLLECTION = "catchup_events";
    /**
     * Short: the store is read and written on the threads that serve the sockets (a join, a broadcast), so a database
     * gone must cost little; after a failure the store refuses at once for {@link #BACK_OFF_NANOS}.
     */
    private static final int TIMEOUT_MS = 1_000;
    private static final long BACK_OFF_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
    private static final JsonWriterSettings RELAXED = JsonWriterSettings.builder().outputMode(JsonMode.RELAXED).build();

    private final MongoClient client;
    private final MongoCollection<Document> events;
    /** Each room's last sequence number, read from the collection on first use; the lock orders numbering. */
    private final Map<String, long[]> last = new ConcurrentHashMap<>();
    /** When the last failure was (System.nanoTime), or 0: within BACK_OFF_NANOS of it, calls fail at once. */
    private volatile long failedAt;

    private MongoCatchUpStore(MongoClient client) {
        this.client = client;
        this.events = client.getDatabase(DATABASE).getCollection(COLLECTION);
        events.createIndex(Indexes.ascending("room", "seq"));
    }

    /** @throws IllegalStateException naming the URI (password masked) when it is malformed or does not answer */
    static MongoCatchUpStore connect(String uri) {
        String masked = jload.engine.proto.mongo.MongoConnections.masked(uri);
        try {
            ConnectionString cs = jload.engine.proto.mongo.MongoConnections.check(uri);
            MongoClient client = MongoClients.create(MongoClientSettings.builder().applyConnectionString(cs)
                    .applyToClusterSettings(b -> b.serverSelectionTimeout(TIMEOUT_MS, TimeUnit.MILLISECONDS))
                    .applyToSocketSettings(b -> b.connectTimeout(TIMEOUT_MS, TimeUnit.MILLISECONDS).readTimeout(TIMEOUT_MS, TimeUnit.MILLISECONDS))
                    .build());
            try {
                return new MongoCatchUpStore(client);
            } catch (RuntimeException e) {
                client.close();
                throw e;
            }
        } catch (RuntimeException e) {
            throw new IllegalStateException("MongoDB " + masked + ": " + e.getMessage());
        }
    }

    private static Bson roomFilter(String namespace, String room) {
        return "/".equals(namespace)
                ? Filters.and(Filters.eq("room", room), Filters.or(Filters.exists("namespace", false), Filters.eq("namespace", "/")))
                : Filters.and(Filters.eq("room", room), Filters.eq("namespace", namespace));
    }

    /** Runs a database call unless the database failed moments ago; a failure starts the back-off. */
    private <T> T guarded(java.util.function.Supplier<T> call) {
        long failed = failedAt;
        if (failed != 0 && System.nanoTime() - failed < BACK_OFF_NANOS) {
            throw new IllegalStateException("the catch-up store failed less than 5 s ago; not tried");
        }
        try {
            return call.get();
        } catch (RuntimeException e) {
            failedAt = System.nanoTime();
            throw e;
        }
    }

    @Override
    public long append(String namespace, String room, ObjectNode event) {
        long[] counter = last.computeIfAbsent(namespace + "\u0000" + room, k -> new long[] {-1});
        synchronized (counter) {
            if (counter[0] < 0) {
                Document highest = guarded(() -> events.find(roomFilter(namespace, room)).sort(Sorts.descending("seq")).limit(1).first());
                counter[0] = highest == null || !(highest.get("seq") instanceof Number n) ? 0 : n.longValue();
            }
            // Numbered before it is written: an event that could not be kept was still sent live with its number,
            // and the next one must not reuse it.
            long seq = ++counter[0];
            event.put("seq", seq);
            Document doc = Document.parse(event.toString());
            doc.put("room", room);
            if (!"/".equals(namespace)) doc.put("namespace", namespace);
            guarded(() -> events.insertOne(doc));
            return seq;
        }
    }

    @Override
    public List<ObjectNode> after(String namespace, String room, long after, int limit) {
        return guarded(() -> {
            List<ObjectNode> out = new ArrayList<>();
            for (Document d : events.find(Filters.and(roomFilter(namespace, room), Filters.gt("seq", after))).sort(Sorts.ascending("seq")).limit(limit)) {
                d.remove("_id");
                d.remove("namespace");
                JsonMessages.parseObject(d.toJson(RELAXED)).ifPresent(out::add);
            }
            return out;
        });
    }

    @Override
    public String kind() {
        return "mongodb";
    }

    @Override
    public void close() {
        client.close();
    }
}
