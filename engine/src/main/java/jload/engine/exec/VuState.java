package jload.engine.exec;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import jload.Execution;
import jload.Metrics;
import jload.VuContext;
import jload.engine.metrics.Metric;
import jload.engine.metrics.Series;
import jload.engine.metrics.TagSet;

/**
 * The engine side of one VU, as its script sees it (k6's __VU, __ITER, check, group, sleep,
 * execution info). Owned by the VU's thread; only {@link #interruptible} is read across threads.
 */
public final class VuState implements jload.engine.script.EngineVu, Execution {
    private final int id;
    private final RunContext run;
    private final Metrics metrics;

    private ScenarioRun scenario;
    private long iterationInScenario = -1;
    private long iterationInTest = -1;
    /** Tags every sample of this VU carries now: global and scenario tags, the script's own (exec.vu.tags), group. */
    private TagSet tags;
    private TagSet scenarioTags;
    /** Set by the script through exec.vu.tags; kept for the VU's lifetime, as in k6. */
    private TagSet scriptTags = TagSet.EMPTY;
    private String groupPath = "";
    private final Map<String, TagSet> checkTags = new HashMap<>();
    private final Map<Metric, Series> seriesCache = new HashMap<>();
    private jload.engine.proto.ws.VuWebSockets ws;
    private jload.engine.proto.socketio.VuSocketIos socketio;
    private jload.TargetMetrics targetMetrics;
    private jload.engine.proto.redis.VuRedis redis;
    private jload.engine.proto.mongo.VuMongo mongo;
    private jload.engine.proto.http.VuHttp http;
    /** Between beginIteration and endIteration (not in init, setup or teardown). */
    private boolean inIteration;

    public VuState(int id, RunContext run) {
        this.id = id;
        this.run = run;
        this.scenarioTags = run.globalTags();
        this.tags = run.globalTags();
        this.metrics = new VuMetrics(this);
    }

    RunContext run() {
        return run;
    }

    /** Called on the VU's thread before each iteration. */
    void beginIteration(ScenarioRun scenario, long iterationInTest) {
        if (this.scenario != scenario) {
            this.scenario = scenario;
            this.iterationInScenario = -1;
            this.scenarioTags = scenario.tags();
            recomputeTags();
        }
        this.iterationInScenario++;
        this.iterationInTest = iterationInTest;
        inIteration = true;
        if (ws != null) ws.beginIteration();
        if (redis != null) redis.beginIteration();
        if (http != null) http.beginIteration();
    }

    /** Called on the VU's thread after each iteration, however it ended. */
    void endIteration() {
        inIteration = false;
        if (ws != null) ws.endIteration(id);
        if (redis != null) redis.endIteration();
        if (http != null) http.endIteration();
    }

    TagSet tags() {
        return tags;
    }

    private void recomputeTags() {
        TagSet t = scenarioTags.with(scriptTags);
        tags = groupPath.isEmpty() ? t : t.with("group", groupPath);
        checkTags.clear();
        seriesCache.clear();
    }

    @Override
    public void setTag(String key, String value) {
        if (key.equals("scenario") || key.equals("group") || key.equals("check")) {
            throw new IllegalArgumentException("the '" + key + "' tag is set by jload and cannot be changed by a script");
        }
        // Scripts often set the same tag every iteration; keeping the TagSet lets every cache keyed
        // on it (series here, a socket's round-trip tags) stay warm.
        if (value != null && value.equals(scriptTags.get(key))) return;
        scriptTags = scriptTags.with(key, value);
        recomputeTags();
    }

    @Override
    public Map<String, String> currentTags() {
        return tags.asUnmodifiableMap();
    }

    /** Adds a sample tagged with this VU's current tags; the series is cached until the tags change. */
    void record(Metric metric, double value) {
        Series s = seriesCache.get(metric);
        if (s == null) seriesCache.put(metric, s = metric.series(tags));
        run.registry().add(metric, s, tags, value);
    }

    void record(Metric metric, double value, Map<String, String> extraTags) {
        if (extraTags == null || extraTags.isEmpty()) {
            record(metric, value);
        } else {
            run.registry().add(metric, tags.with(TagSet.of(extraTags)), value);
        }
    }

    @Override
    public int vu() {
        return id;
    }

    @Override
    public long iteration() {
        return Math.max(0, iterationInScenario);
    }

    /** The variables of the scenario this VU runs now (the same map object until the scenario changes). */
    @Override
    public Map<String, String> env() {
        return scenario == null ? run.env() : scenario.env();
    }

    @Override
    public boolean check(String name, boolean passed, Map<String, String> extraTags) {
        TagSet t = checkTags.computeIfAbsent(name, n -> tags.with("check", n));
        if (extraTags != null && !extraTags.isEmpty()) t = t.with(TagSet.of(extraTags));
        run.registry().add(run.builtins().checks, t, passed ? 1 : 0);
        return passed;
    }

    @Override
    public <T> T group(String name, Supplier<T> body) {
        if (name.contains("::")) throw new IllegalArgumentException("group and check names may not contain '::'");
        String outerPath = groupPath;
        groupPath = outerPath + "::" + name;
        recomputeTags();
        long start = System.nanoTime();
        try {
            return body.get();
        } finally {
            record(run.builtins().groupDuration, (System.nanoTime() - start) / 1e6);
            groupPath = outerPath;
            recomputeTags();
        }
    }

    @Override
    public void sleep(Duration duration) {
        if (duration.isNegative() || duration.isZero()) return;
        try {
            jload.engine.proto.VuClock.sleep(duration.toNanos());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VuInterrupted();
        }
    }

    @Override
    public Metrics metrics() {
        return metrics;
    }

    @Override
    public jload.engine.metrics.MetricRegistry registry() {
        return run.registry();
    }

    @Override
    public jload.engine.metrics.BuiltinMetrics builtins() {
        return run.builtins();
    }

    @Override
    public jload.engine.proto.ws.WsClient wsClient() {
        return run.protocols().ws();
    }

    @Override
    public boolean throwErrors() {
        return run.throwErrors();
    }

    @Override
    public TagSet tagSet() {
        return tags;
    }

    @Override
    public jload.WebSockets ws() {
        if (ws == null) {
            ws = new jload.engine.proto.ws.VuWebSockets(run.protocols()::ws, run.registry(), run.builtins(),
                    () -> tags, run.control().startNanos(), run.warnings()::once);
            if (inIteration) ws.beginIteration();
        }
        return ws;
    }

    @Override
    public jload.TargetMetrics targetMetrics() {
        if (targetMetrics == null) {
            targetMetrics = new jload.engine.proto.scrape.VuScrapes(run.protocols()::scrape, run.registry(), run.builtins(), () -> tags);
        }
        return targetMetrics;
    }

    @Override
    public jload.engine.proto.socketio.VuSocketIos socketio() {
        if (socketio == null) {
            socketio = new jload.engine.proto.socketio.VuSocketIos(() -> {
                ws();
                return ws;
            }, run.registry(),
                    run.builtins(), () -> tags);
        }
        return socketio;
    }

    /** The VU is done: its sockets say goodbye (1001), waiting briefly for the close handshakes. */
    void closeSockets() {
        if (ws != null) ws.closeAll(java.time.Duration.ofSeconds(2));
        if (redis != null) redis.closeAll();
        if (http != null) http.closeAll();
    }

    /** The run is over: sockets still open say goodbye (1001) without waiting for an answer. */
    void dropSockets() {
        if (ws != null) ws.closeAll(java.time.Duration.ZERO);
        if (redis != null) redis.closeAll();
        if (http != null) http.closeAll();
    }

    @Override
    public jload.Mongo mongo() {
        if (mongo == null) {
            mongo = new jload.engine.proto.mongo.VuMongo(run.protocols()::mongo, run.registry(), run.builtins(), () -> tags, run.throwErrors());
        }
        return mongo;
    }

    @Override
    public jload.engine.proto.http.VuHttp http() {
        if (http == null) {
            http = new jload.engine.proto.http.VuHttp(run.protocols()::http, run.registry(), run.builtins(), () -> tags, run.throwErrors());
        }
        return http;
    }

    @Override
    public jload.engine.proto.redis.VuRedis redis() {
        if (redis == null) {
            redis = new jload.engine.proto.redis.VuRedis(run.protocols()::redis, run.registry(), run.builtins(), () -> tags, run.throwErrors());
            if (inIteration) redis.beginIteration();
        }
        return redis;
    }

    @Override
    public Execution execution() {
        return this;
    }

    @Override
    public String scenarioName() {
        return scenario == null ? "" : scenario.config().name();
    }

    @Override
    public String executor() {
        return scenario == null ? "" : scenario.config().common().executor();
    }

    @Override
    public long iterationInScenario() {
        return Math.max(0, iterationInScenario);
    }

    @Override
    public long iterationInTest() {
        return Math.max(0, iterationInTest);
    }

    @Override
    public long scenarioElapsedMillis() {
        return scenario == null ? 0 : (System.nanoTime() - scenario.startNanos()) / 1_000_000;
    }

    @Override
    public double scenarioProgress() {
        if (scenario == null) return 0;
        long total = scenario.config().maxDuration().toNanos();
        return total <= 0 ? 1 : Math.min(1, (System.nanoTime() - scenario.startNanos()) / (double) total);
    }

    @Override
    public long iterationsCompleted() {
        return run.control().completedIterations();
    }

    @Override
    public long iterationsInterrupted() {
        return run.control().interruptedIterations();
    }

    @Override
    public long testRunDurationMillis() {
        return run.control().millisSinceStart();
    }

    @Override
    public void recordError(String where, String message) {
        run.errors().record(where, message, scenarioName());
    }

    @Override
    public void fail(String reason) {
        run.control().markFailed(reason == null || reason.isEmpty() ? "test marked as failed by the script" : reason);
    }

    @Override
    public int vusActive() {
        return scenario == null ? 0 : scenario.pool().active();
    }

    @Override
    public int vusInitialized() {
        return scenario == null ? 0 : scenario.pool().initialized();
    }

    @Override
    public void abort(String reason) {
        String why = reason == null || reason.isEmpty() ? "test aborted" : reason;
        run.control().stop(StopReason.SCRIPT_ABORT, why);
        throw new TestAborted(why);
    }
}
