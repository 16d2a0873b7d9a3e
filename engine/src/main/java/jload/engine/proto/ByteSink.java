package jload.engine.proto;

/** Where a connection's bytes are counted (data_sent, data_received). Called on the connection's event loop. */
public interface ByteSink {
    void sent(long bytes);

    void received(long bytes);
}
