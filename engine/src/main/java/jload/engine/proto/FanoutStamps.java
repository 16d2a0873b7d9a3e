package jload.engine.proto;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import jload.engine.metrics.Metric;
import jload.engine.metrics.MetricRegistry;
import jload.engine.metrics.TagSet;

/**
 * Fan-out latency across protocols: a message published with a stamp ({@code "_jload_stamp":"<id>"} in its JSON) is
 * remembered here with its send time; every WebSocket frame (Socket.IO included) that arrives carrying that stamp, in
 * the same process, records {@code fanout_latency} — publish → the frame read on the event loop, both on the monotonic
 * clock — however the target reshaped the payload, as long as the stamp survived. Frames are looked at only while a
 * stamp is outstanding, and then with one {@code indexOf}. Thread-safe.
 */
public final class FanoutStamps {
    /** The field a stamped message carries. */
    public static final String FIELD = "_jload_stamp";
    private static final String NEEDLE = "\"" + FIELD + "\"";
    /** Stamps older than this are forgotten (a receipt after that is not fan-out any more). */
    private static final long FORGET_AFTER_NANOS = 120_000_000_000L;
    private static final int MAX_OUTSTANDING = 200_000;

    private record Sent(long nanos, MetricRegistry registry, Metric metric, TagSet tags) {}

    private static final Map<String, Sent> OUTSTANDING = new ConcurrentHashMap<>();
    private static final AtomicLong NEXT = new AtomicLong();
    /** A per-process prefix, so that stamps from another jload process publishing to the same server never match. */
    private static final String PROCESS = Long.toString(ProcessHandle.current().pid(), 36) + "-" + Long.toString(System.nanoTime() & 0xffffff, 36);
    private static volatile boolean active;

    private FanoutStamps() {}

    /**
     * {@code jsonObject} with a new stamp as its first field, remembered as sent now; samples go to {@code metric}
     * of {@code registry}, tagged {@code tags}.
     *
     * @throws IllegalArgumentException when the message is not a JSON object's text
     */
    public static String stamp(String jsonObject, MetricRegistry registry, Metric metric, TagSet tags) {
        String trimmed = jsonObject.strip();
        if (!trimmed.startsWith("{") || !trimmed.endsWith("}")) {
            throw new IllegalArgumentException("publish stamp: the message must be a JSON object, to carry the stamp field " + FIELD);
        }
        String id = PROCESS + "-" + NEXT.incrementAndGet();
        if (OUTSTANDING.size() >= MAX_OUTSTANDING) forgetOld();
        OUTSTANDING.put(id, new Sent(System.nanoTime(), registry, metric, tags));
        active = true;
        String rest = trimmed.substring(1).strip();
        return "{\"" + FIELD + "\":\"" + id + "\"" + (rest.equals("}") ? "}" : "," + rest);
    }

    /** A text frame read at {@code atNanos}: a sample if it carries a stamp sent from this process. On the event loop. */
    public static void received(String text, long atNanos) {
        if (!active) return;
        int i = text.indexOf(NEEDLE);
        if (i < 0) return;
        int from = i + NEEDLE.length();
        // "_jload_stamp" : "id": any JSON writer's spacing
        while (from < text.length() && (text.charAt(from) == ' ' || text.charAt(from) == ':')) from++;
        if (from >= text.length() || text.charAt(from) != '"') return;
        from++;
        int end = text.indexOf('"', from);
        if (end < 0) return;
        Sent sent = OUTSTANDING.get(text.substring(from, end));
        if (sent == null) return;
        long nanos = atNanos - sent.nanos();
        if (nanos >= 0) sent.registry().add(sent.metric(), sent.tags(), nanos / 1e6);
    }

    private static void forgetOld() {
        long now = System.nanoTime();
        OUTSTANDING.values().removeIf(s -> now - s.nanos() > FORGET_AFTER_NANOS);
        if (OUTSTANDING.isEmpty()) active = false;
    }
}
