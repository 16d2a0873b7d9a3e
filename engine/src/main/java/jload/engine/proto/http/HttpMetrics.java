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

    /**
     * Each tag set's series of the nine metrics, looked up once: a VU's requests repeat a few tag sets, and nine
     * lookups per request showed in profiles. Bounded; the requests' threads (a VU's, a batch's) share it.
     */
    private final java.util.Map<TagSet, jload.engine.metrics.Series[]> series = new java.util.concurrent.ConcurrentHashMap<>();

    /** One request's samples, as k6's Trail.SaveSamples: {@code failed} null when no response callback applies. */
    void request(TagSet tags, HttpTimings t, Boolean failed) {
        jload.engine.metrics.Series[] s = series.get(tags);
        if (s == null) {
            if (series.size() > 1_000) series.clear();
            s = new jload.engine.metrics.Series[] {m.httpReqs.series(tags), m.httpReqDuration.series(tags), m.httpReqBlocked.series(tags),
                    m.httpReqConnecting.series(tags), m.httpReqTlsHandshaking.series(tags), m.httpReqSending.series(tags),
                    m.httpReqWaiting.series(tags), m.httpReqReceiving.series(tags), m.httpReqFailed.series(tags)};
            series.put(tags, s);
        }
        registry.add(m.httpReqs, s[0], tags, 1);
        registry.add(m.httpReqDuration, s[1], tags, t.duration());
        registry.add(m.httpReqBlocked, s[2], tags, t.blocked());
        registry.add(m.httpReqConnecting, s[3], tags, t.connecting());
        registry.add(m.httpReqTlsHandshaking, s[4], tags, t.tlsHandshaking());
        registry.add(m.httpReqSending, s[5], tags, t.sending());
        registry.add(m.httpReqWaiting, s[6], tags, t.waiting());
        registry.add(m.httpReqReceiving, s[7], tags, t.receiving());
        if (failed != null) registry.add(m.httpReqFailed, s[8], tags, failed ? 1 : 0);
    }

    jload.engine.proto.ByteSink bytes(java.util.function.Supplier<TagSet> tags) {
        return new jload.engine.proto.ByteSink() {
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
