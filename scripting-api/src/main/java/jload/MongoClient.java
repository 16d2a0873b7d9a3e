package jload;

/** One MongoDB deployment. */
public interface MongoClient {
    /** A collection of a database; documents cross as JSON text (relaxed Extended JSON), which every script language reads. */
    MongoCollection collection(String database, String name);
}
