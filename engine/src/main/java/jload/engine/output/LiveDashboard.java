package jload.engine.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import jload.engine.exec.ThresholdJudge;
import jload.engine.metrics.MetricType;
import jload.engine.report.HtmlPage;
import jload.engine.report.ReportModel;
import jload.engine.thresholds.ThresholdEvaluation;
import jload.engine.thresholds.ThresholdResult;
import jload.engine.timeline.Interval;
import jload.engine.timeline.SeriesInterval;
import jload.engine.timeline.Stall;
import jload.engine.timeline.TimelineListener;

/**
 * {@code --dashboard}: the run as it goes, on {@code http://HOST:PORT/} (127.0.0.1:5665 unless told otherwise): the
 * report's page in live mode, updated every interval over server-sent events ({@code /events}, one {@code model} event
 * per interval: the whole run so far, with the thresholds judged now), and a last one with the end-of-test verdict.
 *
 * <p>Its cost falls on the interval thread, never on the VUs: each interval it adds the interval to the page's model
 * (in proportion to the series); only while a page is open does it also judge the thresholds and send the model — its
 * time charts cut to the last {@link #WINDOW} intervals, so an update's size is bounded however long the run
 * (bench/dashboard.sh measures the cost). Served by two platform threads of its own.
 */
final class LiveDashboard implements TimelineListener, FinishedRun, AutoCloseable {
    /** The intervals the page's time charts show: the last ten minutes at 1 s, so an update's size stays bounded. */
    static final int WINDOW = 600;

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "jload-dashboard");
        t.setDaemon(true);
        return t;
    });
    private final ReportModel model;
    private final ThresholdJudge judge;
    private final long startNanos = System.nanoTime();
    private final List<Stall> stalls = new ArrayList<>();
    private final List<OutputStream> clients = new CopyOnWriteArrayList<>();
    private final AtomicInteger served = new AtomicInteger();
    private volatile boolean finished;
    /** Each series' key in the model: its metric and tags, as a log's tag. */
    private final Map<SeriesKey, String> keys = new java.util.HashMap<>();

    private record SeriesKey(String metric, jload.engine.metrics.TagSet tags) { }

    LiveDashboard(String host, int port, Map<String, Object> run, long intervalMillis, ThresholdJudge judge) throws IOException {
        this.model = new ReportModel(new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(run), intervalMillis);
        this.judge = judge;
        this.server = HttpServer.create(new InetSocketAddress(host, port), 16);
        server.setExecutor(threads);
        server.createContext("/", this::page);
        server.createContext("/events", this::events);
        server.start();
    }

    /** Where the page is, for the run's banner. */
    String url() {
        InetSocketAddress a = server.getAddress();
        String host = a.getAddress().isAnyLocalAddress() ? "127.0.0.1" : a.getHostString();
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort() + "/";
    }

    private void page(HttpExchange x) throws IOException {
        if (!x.getRequestURI().getPath().equals("/")) {
            x.sendResponseHeaders(404, -1);
            x.close();
            return;
        }
        byte[] body;
        synchronized (this) {
            body = HtmlPage.live(current(), finished).getBytes(StandardCharsets.UTF_8);
        }
        served.incrementAndGet();
        x.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        x.getResponseHeaders().set("Cache-Control", "no-store");
        x.sendResponseHeaders(200, body.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(body);
        }
    }

    private void events(HttpExchange x) throws IOException {
        x.getResponseHeaders().set("Content-Type", "text/event-stream");
        x.getResponseHeaders().set("Cache-Control", "no-store");
        x.sendResponseHeaders(200, 0);
        OutputStream out = x.getResponseBody();
        synchronized (this) {
            send(out, event());
            if (finished) {
                out.close();
                return;
            }
            clients.add(out);
        }
    }

    @Override
    public synchronized void onInterval(Interval interval) {
        Map<String, org.HdrHistogram.Histogram> histograms = new java.util.LinkedHashMap<>();
        for (SeriesInterval s : interval.series()) {
            if (s.type() != MetricType.TREND) continue;
            String key = keys.computeIfAbsent(new SeriesKey(s.metric().name(), s.tags()), k -> {
                String name = k.metric() + " " + HdrLogOutput.logTag(k.tags());
                ObjectNode entry = JsonNodeFactory.instance.objectNode().put("metric", k.metric()).put("contains", s.metric().kind().k6Name());
                ObjectNode tags = entry.putObject("tags");
                k.tags().asMap().forEach(tags::put);
                model.addLog(name, entry);
                return name;
            });
            histograms.put(key, s.histogram());
        }
        model.addInterval(IntervalJson.of(interval), histograms);
        if (!clients.isEmpty()) broadcast(event());
    }

    @Override
    public synchronized void onStall(Stall stall) {
        stalls.add(stall);
    }

    @Override
    public synchronized void finish(JsonNode summary) {
        model.setSummary(summary);
        finished = true;
        broadcast(event());
        for (OutputStream c : clients) {
            try {
                c.close();
            } catch (IOException ignored) {
                // the page went away: nothing to tell
            }
        }
        clients.clear();
    }

    /** The model as the page reads it: the run so far, with stalls and (while it runs) the thresholds judged now. */
    private ObjectNode current() {
        var list = JsonNodeFactory.instance.arrayNode();
        for (Stall s : stalls) list.addObject().put("kind", s.kind()).put("start", s.startMillis()).put("durationMillis", s.durationMillis()).put("detail", s.detail());
        model.setStalls(list);
        ObjectNode m = model.toJson(WINDOW);
        if (!finished && judge != null && !judge.isEmpty()) {
            ThresholdEvaluation now = judge.duringRun((System.nanoTime() - startNanos) / 1e9);
            var verdict = m.putArray("verdict");
            for (ThresholdResult r : now.results()) {
                ObjectNode row = verdict.addObject().put("metric", r.selectorKey()).put("threshold", r.expressionSource()).put("ok", r.ok());
                // The statistic the expression judges (p(95), rate, count, …): the page formats the value by it.
                if (r.evaluated()) row.put("observed", r.observed()).put("stat", r.expressionSource().replaceAll("\\s*(<=|>=|==|!=|<|>).*$", "").trim());
            }
        }
        return m;
    }

    private String event() {
        ObjectNode e = JsonNodeFactory.instance.objectNode();
        e.set("run", current());
        e.put("finished", finished);
        return "event: model\ndata: " + e + "\n\n";
    }

    private void broadcast(String event) {
        for (OutputStream c : clients) {
            try {
                send(c, event);
            } catch (IOException gone) {
                clients.remove(c);
            }
        }
    }

    private static void send(OutputStream out, String event) throws IOException {
        out.write(event.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** How many times the page was opened (for the run's log). */
    int pagesServed() {
        return served.get();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
