package jload.engine.proto.mongo;

import com.mongodb.client.FindIterable;
import com.mongodb.client.MongoCollection;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import jload.engine.metrics.TagSet;
import org.bson.BsonValue;
import org.bson.Document;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;

/** A VU's view of one collection: JSON text in and out, each operation timed, failures counted. Used by the VU's thread. */
final class SyncMongoCollection implements jload.MongoCollection {
    /** Relaxed Extended JSON: numbers as numbers, dates as {"$date": "…"}: what a script reads without a BSON library. */
    private static final JsonWriterSettings JSON = JsonWriterSettings.builder().outputMode(JsonMode.RELAXED).build();

    private final MongoCollection<Document> collection;
    private final MongoMetrics metrics;
    private final Supplier<TagSet> tags;
    private final boolean throwErrors;
    private String lastError;

    SyncMongoCollection(MongoCollection<Document> collection, MongoMetrics metrics, Supplier<TagSet> tags, boolean throwErrors) {
        this.collection = collection;
        this.metrics = metrics;
        this.tags = tags;
        this.throwErrors = throwErrors;
    }

    private <T> T call(String op, Function<MongoCollection<Document>, T> body, T failed) {
        TagSet t = tags.get();
        long start = System.nanoTime();
        try {
            T result = DriverCalls.run(() -> body.apply(collection));
            metrics.op(t, op, (System.nanoTime() - start) / 1e6);
            lastError = null;
            return result;
        } catch (RuntimeException e) {
            metrics.error(t, op, MongoErrors.kind(e));
            lastError = op + ": " + MongoErrors.describe(e);
            if (throwErrors) throw new IllegalStateException("mongo " + lastError);
            return failed;
        }
    }

    private static Document parse(String json) {
        return json == null || json.isBlank() ? new Document() : Document.parse(json);
    }

    private static String json(BsonValue v) {
        if (v == null) return null;
        return new org.bson.BsonDocument("v", v).toJson(JSON).replaceFirst("^\\{\\s*\"v\"\\s*:\\s*", "").replaceFirst("\\s*}$", "");
    }

    @Override
    public String insertOne(String documentJson) {
        return call("insertOne", c -> json(c.insertOne(parse(documentJson)).getInsertedId()), null);
    }

    @Override
    public long insertMany(List<String> documentsJson, int batchSize) {
        if (batchSize < 1) throw new IllegalArgumentException("insertMany batchSize: at least 1, not " + batchSize);
        return call("insertMany", c -> {
            long inserted = 0;
            for (int from = 0; from < documentsJson.size(); from += batchSize) {
                List<Document> batch = new ArrayList<>();
                for (String d : documentsJson.subList(from, Math.min(documentsJson.size(), from + batchSize))) batch.add(parse(d));
                inserted += c.insertMany(batch).getInsertedIds().size();
            }
            return inserted;
        }, -1L);
    }

    @Override
    public String find(String filterJson, String sortJson, int limit) {
        return call("find", c -> {
            FindIterable<Document> it = c.find(parse(filterJson));
            if (sortJson != null) it = it.sort(parse(sortJson));
            if (limit > 0) it = it.limit(limit);
            StringBuilder out = new StringBuilder("[");
            for (Document d : it) {
                if (out.length() > 1) out.append(',');
                out.append(d.toJson(JSON));
            }
            return out.append(']').toString();
        }, null);
    }

    @Override
    public String findOne(String filterJson) {
        return call("findOne", c -> {
            Document d = c.find(parse(filterJson)).first();
            return d == null ? null : d.toJson(JSON);
        }, null);
    }

    @Override
    public long count(String filterJson) {
        return call("count", c -> c.countDocuments(parse(filterJson)), -1L);
    }

    @Override
    public long deleteMany(String filterJson) {
        return call("deleteMany", c -> c.deleteMany(parse(filterJson)).getDeletedCount(), -1L);
    }

    @Override
    public long deleteOne(String filterJson) {
        return call("deleteOne", c -> c.deleteOne(parse(filterJson)).getDeletedCount(), -1L);
    }

    @Override
    public long updateOne(String filterJson, String updateJson, boolean upsert) {
        return call("updateOne", c -> update(updateJson,
                d -> c.updateOne(parse(filterJson), d, upsertOption(upsert)),
                p -> c.updateOne(parse(filterJson), p, upsertOption(upsert))).getMatchedCount(), -1L);
    }

    @Override
    public long updateMany(String filterJson, String updateJson, boolean upsert) {
        return call("updateMany", c -> update(updateJson,
                d -> c.updateMany(parse(filterJson), d, upsertOption(upsert)),
                p -> c.updateMany(parse(filterJson), p, upsertOption(upsert))).getMatchedCount(), -1L);
    }

    private static com.mongodb.client.model.UpdateOptions upsertOption(boolean upsert) {
        return new com.mongodb.client.model.UpdateOptions().upsert(upsert);
    }

    /** An update document ({@code {"$set": …}}) or an update pipeline ({@code [{"$set": …}]}). */
    private static <R> R update(String json, Function<Document, R> byDocument, Function<List<Document>, R> byPipeline) {
        return json != null && json.strip().startsWith("[") ? byPipeline.apply(stages(json)) : byDocument.apply(parse(json));
    }

    private static List<Document> stages(String json) {
        List<Document> out = new ArrayList<>();
        for (org.bson.BsonValue v : org.bson.BsonArray.parse(json)) out.add(Document.parse(v.asDocument().toJson()));
        return out;
    }

    @Override
    public String distinct(String field, String filterJson) {
        return call("distinct", c -> {
            org.bson.BsonArray values = new org.bson.BsonArray();
            for (BsonValue v : c.distinct(field, parse(filterJson), BsonValue.class)) values.add(v);
            return json(values);
        }, null);
    }

    @Override
    public String aggregate(String pipelineJson) {
        return call("aggregate", c -> {
            StringBuilder out = new StringBuilder("[");
            for (Document d : c.aggregate(stages(pipelineJson))) {
                if (out.length() > 1) out.append(',');
                out.append(d.toJson(JSON));
            }
            return out.append(']').toString();
        }, null);
    }

    @Override
    public boolean drop() {
        return call("drop", c -> {
            c.drop();
            return true;
        }, false);
    }

    @Override
    public String createIndex(String keysJson) {
        return call("createIndex", c -> c.createIndex(parse(keysJson)), null);
    }

    @Override
    public String lastError() {
        return lastError;
    }
}
