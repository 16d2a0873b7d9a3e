package jload.engine.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Seed 002's message ingestor, small: {@code POST /ingest} takes a JSON object (a message), queues it and answers
 * 202 {@code {id}}; anything else is 400 with the reason. A worker drains the queue (the stand-in for the database
 * writer), so the queue's length shows whether intake outruns it. {@code ?delay=ms} holds the answer that long and
 * {@code ?fail=0.1} answers that share of requests 503, so an example can make its thresholds fail on purpose.
 * {@code GET /ingest/stats}: the counts as JSON; {@code /metrics}: the same as Prometheus series. Thread-safe.
 */
final class IngestEndpoint implements PrometheusSection, AutoCloseable {
    static final String PATH = "/ingest";
    static final String STATS_PATH = "/ingest/stats";
    /** More waiting than this and a message is refused (503): the sandbox's memory stays bounded. */
    static final int QUEUE_CAPACITY = 100_000;
    private static final long MAX_DELAY_MS = 60_000;

    private final LinkedBlockingQueue<ObjectNode> queue = new LinkedBlockingQueue<>(QUEUE_CAPACITY);
    private final AtomicLong ids = new AtomicLong();
    private final LongAdder accepted = new LongAdder();
    private final LongAdder processed = new LongAdder();
    private final Map<String, LongAdder> rejected = Map.of("malformed", new LongAdder(), "injected", new LongAdder(), "queue_full", new LongAdder());
    private final Thread worker;

    IngestEndpoint() {
        worker = Thread.ofVirtual().name("sandbox-ingest-worker").start(() -> {
            try {
                while (true) {
                    queue.take();
                    processed.increment();
                }
            } catch (InterruptedException closing) {
                Thread.currentThread().interrupt();
            }
        });
    }

    void handle(HttpExchange exchange, SandboxHttpServer.Responder respond) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (STATS_PATH.equals(path)) {
            respond.send(exchange, 200, "application/json", stats().toString());
            return;
        }
        if (!"POST".equals(exchange.getRequestMethod())) {
            exchange.getResponseHeaders().set("Allow", "POST");
            respond.send(exchange, 405, "application/json", reason("use POST with a JSON object"));
            return;
        }
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        long delay = parseLong(query.get("delay"), 0);
        double fail = parseDouble(query.get("fail"), 0);
        byte[] body = exchange.getRequestBody().readAllBytes();
        if (delay > 0) sleep(Math.min(delay, MAX_DELAY_MS));
        if (fail > 0 && ThreadLocalRandom.current().nextDouble() < fail) {
            rejected.get("injected").increment();
            respond.send(exchange, 503, "application/json", reason("injected failure (?fail=" + fail + ")"));
            return;
        }
        var parsed = JsonMessages.parseObject(new String(body, java.nio.charset.StandardCharsets.UTF_8));
        if (parsed.isEmpty()) {
            rejected.get("malformed").increment();
            respond.send(exchange, 400, "application/json", reason(body.length == 0 ? "empty body; expected a JSON object" : "malformed JSON; expected a JSON object"));
            return;
        }
        long id = ids.incrementAndGet();
        parsed.get().put("id", id);
        if (!queue.offer(parsed.get())) {
            rejected.get("queue_full").increment();
            respond.send(exchange, 503, "application/json", reason("the queue is full (" + QUEUE_CAPACITY + " waiting)"));
            return;
        }
        accepted.increment();
        respond.send(exchange, 202, "application/json", "{\"id\":" + id + ",\"status\":\"queued\"}");
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new java.util.HashMap<>();
        if (raw == null) return out;
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) out.put(pair.substring(0, eq), java.net.URLDecoder.decode(pair.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8));
        }
        return out;
    }

    private static String reason(String why) {
        return JsonMessages.mapper().createObjectNode().put("error", why).toString();
    }

    private ObjectNode stats() {
        ObjectNode o = JsonMessages.mapper().createObjectNode();
        o.put("accepted", accepted.sum()).put("processed", processed.sum()).put("queue_length", queue.size());
        ObjectNode r = o.putObject("rejected");
        rejected.forEach((k, v) -> r.put(k, v.sum()));
        return o;
    }

    private static long parseLong(String s, long fallback) {
        try {
            return s == null ? fallback : Math.max(0, Long.parseLong(s));
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static double parseDouble(String s, double fallback) {
        try {
            return s == null ? fallback : Math.min(1, Math.max(0, Double.parseDouble(s)));
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void writeTo(StringBuilder out) {
        SandboxMetrics.header(out, "sandbox_ingest_accepted_total", "counter", "Messages POSTed to /ingest and queued.");
        SandboxMetrics.sample(out, "sandbox_ingest_accepted_total", "", accepted.sum());
        SandboxMetrics.header(out, "sandbox_ingest_rejected_total", "counter", "Messages refused, by reason (malformed, injected, queue_full).");
        for (String reason : new java.util.TreeSet<>(rejected.keySet())) {
            SandboxMetrics.sample(out, "sandbox_ingest_rejected_total", "reason=\"" + reason + "\"", rejected.get(reason).sum());
        }
        SandboxMetrics.header(out, "sandbox_ingest_processed_total", "counter", "Queued messages the worker has taken.");
        SandboxMetrics.sample(out, "sandbox_ingest_processed_total", "", processed.sum());
        SandboxMetrics.header(out, "sandbox_ingest_queue_length", "gauge", "Messages queued and not yet taken by the worker.");
        SandboxMetrics.sample(out, "sandbox_ingest_queue_length", "", queue.size());
    }

    @Override
    public void close() {
        worker.interrupt();
    }
}
