package jload.engine.proto.ws;

import jload.engine.metrics.BuiltinMetrics;
import jload.engine.metrics.MetricRegistry;
import jload.engine.metrics.Series;
import jload.engine.metrics.TagSet;

/**
 * The ws_* samples of one socket. Samples the network produces (session, messages, bytes, errors)
 * carry the tags of the connect: the VU's tags then, plus url or name. Thread-safe: event loops and
 * the VU's thread both record.
 */
public final class WsMetrics implements jload.engine.proto.ByteSink {
    private final MetricRegistry registry;
    private final BuiltinMetrics m;
    private final TagSet tags;
    private final java.util.Map<String, String> extra;
    private final java.net.URI uri;
    /** One-entry cache of {@link #tagsAt}: the VU's tags change rarely (groups, exec.vu.tags). */
    private TagSet cachedVuTags;
    private TagSet cachedCallTags;
    // The per-message series, looked up once (volatile: the VU's thread and the loop both record).
    /** ws_rtt's series for {@link #cachedCallTags}; only the VU's thread uses it. */
    private Series rttSeries;
    private volatile Series msgsSent, dataSent, msgsReceived, dataReceived;

    public WsMetrics(MetricRegistry registry, BuiltinMetrics builtins, TagSet vuTags,
                     java.util.Map<String, String> extra, java.net.URI uri) {
        this.registry = registry;
        this.m = builtins;
        this.extra = extra;
        this.uri = uri;
        this.tags = socketTags(vuTags, extra, uri);
        this.cachedVuTags = vuTags;
        this.cachedCallTags = tags;
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

    void sent() {
        if (msgsSent == null) msgsSent = m.wsMsgsSent.series(tags);
        registry.add(m.wsMsgsSent, msgsSent, tags, 1);
    }

    void received() {
        if (msgsReceived == null) msgsReceived = m.wsMsgsReceived.series(tags);
        registry.add(m.wsMsgsReceived, msgsReceived, tags, 1);
    }

    /** Bytes written to the connection (event loop only): every byte, as k6's data_sent. */
    @Override
    public void sent(long bytes) {
        if (dataSent == null) dataSent = m.dataSent.series(tags);
        registry.add(m.dataSent, dataSent, tags, bytes);
    }

    /** Bytes read from the connection (event loop only): every byte, as k6's data_received. */
    @Override
    public void received(long bytes) {
        if (dataReceived == null) dataReceived = m.dataReceived.series(tags);
        registry.add(m.dataReceived, dataReceived, tags, bytes);
    }

    /** jload/ws: the socket was closed by jload when the iteration that opened it ended. */
    void closedByJload() {
        registry.add(m.wsSessionsClosedByJload, tags, 1);
    }

    /** The server closed with an error code: ws_errors{kind:server_close, code}. */
    void serverClosed(int code) {
        registry.add(m.wsErrors, tags.with("kind", WsErrorKind.SERVER_CLOSE.tag).with("code", Integer.toString(code)), 1);
    }

    void error(WsErrorKind kind, int status) {
        TagSet t = tags.with("kind", kind.tag);
        if (status > 0) t = t.with("status", Integer.toString(status));
        registry.add(m.wsErrors, t, 1);
    }

    /**
     * k6/ws's and k6/websockets' ws_ping: the pong's round trip when it answers a ping of ours,
     * tagged as at the connect.
     */
    public void pong(WsEvent.Pong pong) {
        if (pong.roundTripNanos() >= 0) registry.add(m.wsPing, tags, pong.roundTripNanos() / 1e6);
    }

    // Round trips measured by a call of the VU (jload/ws's expect and ping) are tagged with the VU's
    // tags at that call — its group, exec.vu.tags — plus this socket's, because a socket may outlive
    // the iteration, group or phase it was opened in. Only the VU's thread calls these.

    /** send → the matching reply (jload's ws_rtt), once per message: its series is cached. */
    public void rtt(TagSet vuTagsNow, double millis) {
        TagSet t = tagsAt(vuTagsNow);
        if (rttSeries == null) rttSeries = m.wsRtt.series(t);
        registry.add(m.wsRtt, rttSeries, t, millis);
    }

    /** jload/ws's ping → pong (ws_ping). */
    public void ping(TagSet vuTagsNow, double millis) {
        registry.add(m.wsPing, tagsAt(vuTagsNow), millis);
    }

    private TagSet tagsAt(TagSet vuTagsNow) {
        if (vuTagsNow != cachedVuTags) {
            cachedCallTags = socketTags(vuTagsNow, extra, uri);
            cachedVuTags = vuTagsNow;
            rttSeries = null;
        }
        return cachedCallTags;
    }

}
