package jload.engine.proto.ws;

import jload.engine.metrics.BuiltinMetrics;
import jload.engine.metrics.MetricRegistry;
import jload.engine.metrics.TagSet;

/**
 * The ws_* samples of one socket, tagged once at connect (the VU's tags then, plus url or name).
 * Thread-safe: event loops and the VU's thread both record.
 */
public final class WsMetrics {
    private final MetricRegistry registry;
    private final BuiltinMetrics m;
    private final TagSet tags;

    public WsMetrics(MetricRegistry registry, BuiltinMetrics builtins, TagSet tags) {
        this.registry = registry;
        this.m = builtins;
        this.tags = tags;
    }

    public TagSet tags() {
        return tags;
    }

    /**
     * A socket's tags: the VU's at connect, the script's extra tags, {@code url} without query or
     * user info (tokens live there), and {@code name} defaulting to that url.
     */
    public static TagSet socketTags(TagSet vuTags, java.util.Map<String, String> extra, java.net.URI uri) {
        String shown = WsUrls.redacted(uri);
        TagSet t = vuTags.with(TagSet.of(extra)).with("url", shown);
        return t.get("name") == null ? t.with("name", shown) : t;
    }

    void sessionStarted() {
        registry.add(m.wsSessions, tags, 1);
    }

    void connected(long nanos) {
        registry.add(m.wsConnecting, tags, nanos / 1e6);
    }

    void sessionEnded(long nanos) {
        registry.add(m.wsSessionDuration, tags, nanos / 1e6);
    }

    void sent(int payloadBytes) {
        registry.add(m.wsMsgsSent, tags, 1);
        registry.add(m.dataSent, tags, WsFrames.wireSize(payloadBytes, true));
    }

    void received(int payloadBytes) {
        registry.add(m.wsMsgsReceived, tags, 1);
        registry.add(m.dataReceived, tags, WsFrames.wireSize(payloadBytes, false));
    }

    void error(WsErrorKind kind, int status) {
        TagSet t = tags.with("kind", kind.tag);
        if (status > 0) t = t.with("status", Integer.toString(status));
        registry.add(m.wsErrors, t, 1);
    }

    /** ping → pong round trip (k6's ws_ping). */
    public void ping(double millis) {
        registry.add(m.wsPing, tags, millis);
    }

    /** send → the matching reply (jload's ws_rtt). */
    public void rtt(double millis) {
        registry.add(m.wsRtt, tags, millis);
    }

}
