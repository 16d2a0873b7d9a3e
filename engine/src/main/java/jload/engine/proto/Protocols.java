package jload.engine.proto;

import jload.engine.proto.ws.WsClient;

/**
 * The protocol clients one run shares between its VUs, created on first use (a run that opens no
 * WebSocket starts no event loop) and closed when the run ends.
 */
public final class Protocols implements AutoCloseable {
    private final boolean insecureSkipTlsVerify;
    private volatile WsClient ws;

    public Protocols(boolean insecureSkipTlsVerify) {
        this.insecureSkipTlsVerify = insecureSkipTlsVerify;
    }

    public WsClient ws() {
        WsClient c = ws;
        if (c == null) {
            synchronized (this) {
                if ((c = ws) == null) ws = c = new WsClient(insecureSkipTlsVerify);
            }
        }
        return c;
    }

    @Override
    public synchronized void close() {
        if (ws != null) ws.close();
        ws = null;
    }
}
