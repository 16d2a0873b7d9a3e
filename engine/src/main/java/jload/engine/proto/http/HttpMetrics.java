package jload.engine.proto.http;

import jload.HttpTimings;
import jload.engine.metrics.BuiltinMetrics;
import jload.engine.metrics.MetricRegistry;
import jload.engine.metrics.TagSet;

/** The http_* samples of one VU's requests, and the bytes of its connections. Used on the VU's thread and its connections' loops. */
final class HttpMetrics {
    private final MetricRegistry registry;
    private final BuiltinMetrics m;

    HttpMetrics(MetricRegistry registry, BuiltinMetrics builtins) {
        this.registry = registry;
        this.m = builtins;
    }

    /** One request's samples, as k6's Trail.SaveSamples: {@code failed} null when no response callback applies. */
    void request(TagSet tags, HttpTimings t, Boolean failed) {
        registry.add(m.httpReqs, tags, 1);
        registry.add(m.httpReqDuration, tags, t.duration());
        registry.add(m.httpReqBlocked, tags, t.blocked());
        registry.add(m.httpReqConnecting, tags, t.connecting());
        registry.add(m.httpReqTlsHandshaking, tags, t.tlsHandshaking());
        registry.add(m.httpReqSending, tags, t.sending());
        registry.add(m.httpReqWaiting, tags, t.waiting());
        registry.add(m.httpReqReceiving, tags, t.receiving());
        if (failed != null) registry.add(m.httpReqFailed, tags, failed ? 1 : 0);
    }

    HttpConnection.ByteSink bytes(java.util.function.Supplier<TagSet> tags) {
        return new HttpConnection.ByteSink() {
            @Override
            public void sent(long bytes) {
                registry.add(m.dataSent, tags.get(), bytes);
            }

            @Override
            public void received(long bytes) {
                registry.add(m.dataReceived, tags.get(), bytes);
            }
        };
    }
}
