package jload;

/** A VU's MongoDB access ({@code jload/mongo}). */
public interface Mongo {
    /**
     * A client of the MongoDB deployment at {@code uri} ({@code mongodb://[user:password@]host[:port][/?options]}); the
     * run shares one driver (and its connection pool) per URI. May be called in the init code: a malformed URI, or a
     * server that does not answer a ping within 5 s, stops the run there with one line naming it (the password masked).
     */
    MongoClient client(String uri);
}
