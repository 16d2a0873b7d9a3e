package jload.engine.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import jload.engine.exec.ThresholdJudge;
import jload.engine.metrics.MetricType;
import jload.engine.metrics.TagSet;
import jload.engine.report.HtmlPage;
import jload.engine.report.ReportModel;
import jload.engine.thresholds.ThresholdEvaluation;
import jload.engine.thresholds.ThresholdResult;
import jload.engine.timeline.Interval;
import jload.engine.timeline.SeriesInterval;
import jload.engine.timeline.Stall;
import jload.engine.timeline.StallRecorder;
import jload.engine.timeline.TimelineListener;
import org.HdrHistogram.Histogram;

/**
 * {@code --dashboard}: the run as it goes, on {@code http://HOST:PORT/} (127.0.0.1:5665 unless told otherwise): the
 * report's page in live mode, updated every interval over server-sent events ({@code /events}, {@code model} events:
 * a page's first holds the run so far, each later one what is new — the intervals since, the recent stalls, the
 * whole-run tables and the thresholds judged now), and a last one with the end-of-test verdict.
 *
 * <p>Its cost falls on the interval thread, never on the VUs: each interval it adds the interval to the page's model
 * (in proportion to the series); only while a page is open does it also judge the thresholds and make events, each in
 * proportion to the series, not to the run's length (the page keeps the last {@link #WINDOW} intervals;
 * bench/dashboard.sh measures the cost). Each open page has a sender thread of its own, woken when there is news, so
 * a page that stops reading holds up no one: the run never waits on a socket. Requests must name this server in their
 * Host header (no DNS rebinding).
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
    private final DoubleSupplier elapsedSeconds;
    private final Set<String> hosts;
    private final List<Stall> stalls = new ArrayList<>();
    private final List<Client> clients = new CopyOnWriteArrayList<>();
    private volatile boolean finished;
    /** Why the pages could not be sent their updates (a bug of jload's): then no page is served events. */
    private volatile String failure;
    /** Each series' key in the model: its metric and tags. */
    private final Map<SeriesKey, String> keys = new HashMap<>();

    private record SeriesKey(String metric, TagSet tags) { }

    /**
     * One open page, and a thread of its own that writes its events: each time there is news, what the page has not
     * got yet (its first event: the whole window). News that comes while an event is being written waits as one
     * wake-up, so a page that reads slowly gets fewer, larger updates and holds up no one.
     */
    private final class Client {
        private final LinkedBlockingQueue<Boolean> news = new LinkedBlockingQueue<>(1);
        private final HttpExchange exchange;
        private final Thread sender;
        /** The intervals the page holds (guarded by the dashboard). */
        private int has;

        Client(HttpExchange exchange) {
            this.exchange = exchange;
            this.sender = Thread.ofPlatform().daemon().name("jload-dashboard-page").start(this::send);
        }

        void wake() {
            news.offer(Boolean.TRUE);
        }

        private void send() {
            try (exchange; OutputStream out = exchange.getResponseBody()) {
                while (true) {
                    news.take();
                    Update update = updateFor(this);
                    out.write(update.event().getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    if (update.last()) return;
                }
            } catch (IOException | InterruptedException gone) {
                // the page went away (or jload is closing): its thread ends
            } catch (RuntimeException e) {
                // Said when the dashboard closes; meanwhile a page that reconnects is refused, not failed again.
                failure = e.toString();
            } finally {
                clients.remove(this);
            }
        }
    }

    /** An event for one page; the last one carries the run's verdict. */
    private record Update(String event, boolean last) { }

    /**
     * @param elapsedSeconds the test's time so far, as its thresholds are judged by (the runner's clock)
     */
    LiveDashboard(String host, int port, Map<String, Object> run, long intervalMillis, ThresholdJudge judge, DoubleSupplier elapsedSeconds)
            throws IOException {
        this.model = new ReportModel(new ObjectMapper().valueToTree(run), intervalMillis);
        this.judge = judge;
        this.elapsedSeconds = elapsedSeconds;
        this.server = HttpServer.create(new InetSocketAddress(host, port), 16);
        try {
            int bound = server.getAddress().getPort();
            this.hosts = server.getAddress().getAddress().isAnyLocalAddress() ? null
                    : Set.copyOf(List.of(host.toLowerCase(java.util.Locale.ROOT) + ":" + bound, "localhost:" + bound, "127.0.0.1:" + bound, "[::1]:" + bound));
            server.setExecutor(threads);
            server.createContext("/", this::page);
            server.createContext("/events", this::events);
            server.start();
        } catch (RuntimeException e) { // a bound port that never answers would hang whoever connects
            server.stop(0);
            threads.shutdownNow();
            throw e;
        }
    }

    /** Where the page is, for the run's log. */
    String url() {
        InetSocketAddress a = server.getAddress();
        String host = a.getAddress().isAnyLocalAddress() ? "127.0.0.1" : a.getHostString();
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort() + "/";
    }

    /** A request for another host name (a rebinding web page) is refused; listening on every address, any is taken. */
    private boolean refused(HttpExchange x) throws IOException {
        String host = x.getRequestHeaders().getFirst("Host");
        if (hosts == null || host != null && hosts.contains(host.toLowerCase(java.util.Locale.ROOT))) return false;
        x.sendResponseHeaders(403, -1);
        x.close();
        return true;
    }

    private void page(HttpExchange x) throws IOException {
        if (refused(x)) return;
        if (!x.getRequestURI().getPath().equals("/")) {
            x.sendResponseHeaders(404, -1);
            x.close();
            return;
        }
        byte[] body;
        synchronized (this) {
            body = HtmlPage.live(current(0), finished).getBytes(StandardCharsets.UTF_8);
        }
        x.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        x.getResponseHeaders().set("Cache-Control", "no-store");
        x.sendResponseHeaders(200, body.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(body);
        }
    }

    private void events(HttpExchange x) throws IOException {
        if (refused(x)) return;
        if (failure != null) { // an event stream answered with an error is not reopened by the page
            x.sendResponseHeaders(503, -1);
            x.close();
            return;
        }
        x.getResponseHeaders().set("Content-Type", "text/event-stream");
        x.getResponseHeaders().set("Cache-Control", "no-store");
        x.sendResponseHeaders(200, 0);
        Client c = new Client(x);
        synchronized (this) {
            if (!finished) clients.add(c);
            c.wake();
        }
    }

    @Override
    public synchronized void onInterval(Interval interval) {
        Map<String, Histogram> histograms = new LinkedHashMap<>(), negatives = new LinkedHashMap<>();
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
            if (s.negatives() != null) negatives.put(key, s.negatives());
        }
        model.addInterval(IntervalJson.of(interval), histograms, negatives);
        clients.forEach(Client::wake);
    }

    /** On the thread that saw the stall, an event loop's perhaps: never waits for a page's update being built. */
    @Override
    public void onStall(Stall stall) {
        synchronized (stalls) {
            if (stalls.size() < StallRecorder.KEPT) stalls.add(stall);
        }
    }

    @Override
    public synchronized void finish(JsonNode summary) {
        model.setSummary(summary);
        finished = true;
        clients.forEach(Client::wake);
    }

    /**
     * The model as a page that holds the first {@code after} intervals reads it: what is new since, with the stalls
     * and (while the run goes) the thresholds judged now.
     */
    private ObjectNode current(int after) {
        List<Stall> seen;
        synchronized (stalls) {
            seen = List.copyOf(stalls);
        }
        model.setStalls(IntervalJson.stalls(seen));
        ObjectNode m = model.toJson(WINDOW, after);
        if (!finished && judge != null && !judge.isEmpty()) {
            ThresholdEvaluation now = judge.duringRun(elapsedSeconds.getAsDouble());
            var verdict = m.putArray("verdict");
            for (ThresholdResult r : now.results()) {
                ObjectNode row = verdict.addObject().put("metric", r.selectorKey()).put("threshold", r.expressionSource()).put("ok", r.ok());
                // The statistic the expression judges (p(95), rate, count, …): the page formats the value by it.
                if (r.evaluated()) row.put("observed", r.observed()).put("stat", r.expressionSource().replaceAll("\\s*(<=|>=|==|!=|<|>).*$", "").trim());
            }
        }
        return m;
    }

    private synchronized Update updateFor(Client page) {
        ObjectNode e = JsonNodeFactory.instance.objectNode();
        e.set("run", current(page.has));
        e.put("finished", finished);
        page.has = model.intervals();
        return new Update("event: model\ndata: " + e + "\n\n", finished);
    }

    /** Lets the pages take their last event (a second at most), then stops serving. */
    @Override
    public void close() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        for (Client c : clients) {
            try {
                c.sender.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            c.sender.interrupt();
        }
        server.stop(0);
        threads.shutdownNow();
        if (failure != null) throw new IllegalStateException("the dashboard could not send its updates: " + failure);
    }
}
