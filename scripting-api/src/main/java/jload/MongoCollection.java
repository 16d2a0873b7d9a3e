package jload;

import java.util.List;

/**
 * Operations on one collection, synchronous. Each is timed ({@code mongo_op_duration{op, collection}}). One that fails
 * is counted in {@code mongo_errors{op, kind}} and returns null ({@code -1} for counts) — the run goes on — unless the
 * {@code throw} option is set; {@link #lastError()} says why. Documents, filters, sorts and keys are JSON text.
 */
public interface MongoCollection {
    /** The inserted document's {@code _id} as JSON; null when it failed. */
    String insertOne(String documentJson);

    /** Inserts in batches of {@code batchSize} (ordered); how many were inserted, -1 when a batch failed. */
    long insertMany(List<String> documentsJson, int batchSize);

    /** The matching documents (as a JSON array's text), sorted by {@code sortJson} (or null) and at most {@code limit} (0: all). */
    String find(String filterJson, String sortJson, int limit);

    /** The first matching document's JSON, or null. */
    String findOne(String filterJson);

    long count(String filterJson);

    /** How many were deleted, -1 when it failed. */
    long deleteMany(String filterJson);

    /** Deletes the first match: how many were deleted (0 or 1), -1 when it failed. */
    long deleteOne(String filterJson);

    /**
     * Updates the first match with {@code updateJson} (update operators such as {@code $set}, or a pipeline); with
     * {@code upsert}, inserts one when nothing matches. How many matched, -1 when it failed.
     */
    long updateOne(String filterJson, String updateJson, boolean upsert);

    /** {@link #updateOne} for every match: how many matched, -1 when it failed. */
    long updateMany(String filterJson, String updateJson, boolean upsert);

    /** The distinct values of {@code field} among the matches, as a JSON array's text; null when it failed. */
    String distinct(String field, String filterJson);

    /** The result of an aggregation pipeline (a JSON array of stages), as a JSON array's text; null when it failed. */
    String aggregate(String pipelineJson);

    /** Drops the collection; false when it failed. */
    boolean drop();

    /** The index's name, or null when it failed. */
    String createIndex(String keysJson);

    String lastError();
}
