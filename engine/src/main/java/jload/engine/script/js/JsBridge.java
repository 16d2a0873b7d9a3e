package jload.engine.script.js;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jload.Rate;
import jload.engine.script.EngineVu;
import jload.engine.script.ScriptLog;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.Value;

/**
 * The one host object a VU's JavaScript sees ({@code globalThis.__jload}); jload's built-in
 * modules (resources {@code jload/js/*.mjs}) wrap it in k6's API. Only {@link HostAccess.Export}
 * methods are reachable from scripts.
 */
public final class JsBridge {
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();
    private final EngineVu vu;
    private final JsRuntime runtime;
    private final JsEventLoop loop;
    private final JsWebSockets webSockets;
    private boolean initPhase = true;

    JsBridge(EngineVu vu, JsRuntime runtime, JsEventLoop loop, JsWebSockets webSockets) {
        this.vu = vu;
        this.runtime = runtime;
        this.loop = loop;
        this.webSockets = webSockets;
    }

    void endInit() {
        initPhase = false;
    }

    private void requireInit(String what) {
        if (!initPhase) throw JsErrors.thrown(what + " is only available in the init context (the top level of the script)");
    }

    // --- k6 ---

    @HostAccess.Export
    public boolean check(String name, boolean passed, Value tags) {
        return JsErrors.onBehalfOfScript(() -> vu.check(name, passed, tags(tags)));
    }

    @HostAccess.Export
    public Value group(String name, Value body) {
        return JsErrors.onBehalfOfScript(() -> vu.group(name, () -> body.execute()));
    }

    @HostAccess.Export
    public void sleep(double seconds, Value callerStack) {
        if (webSockets.inSession()) warnSleepInWsHandler(callerStack);
        if (Double.isNaN(seconds) || seconds <= 0) return;
        vu.sleep(Duration.ofNanos((long) (seconds * 1e9)));
    }

    /** k6 semantics are kept (the handler blocks the socket's event loop), but the script is told once. */
    private void warnSleepInWsHandler(Value callerStack) {
        String where = JsStacks.firstScriptFrame(callerStack == null || callerStack.isNull() ? "" : callerStack.asString());
        if (runtime.warnOnce("sleep-in-ws:" + where)) {
            runtime.log().warn("sleep() inside a k6/ws handler at " + where + " blocks that socket's event loop "
                    + "(no message, ping or timer is handled meanwhile), as in k6; use socket.setTimeout() to wait instead");
        }
    }

    // --- k6/metrics ---

    /** One custom metric as seen from one VU. A Rate takes 0/1; the others take the number. */
    public static final class JsMetric {
        private final Rate rate;
        private final java.util.function.BiConsumer<Double, Map<String, String>> add;

        private JsMetric(Rate rate, java.util.function.BiConsumer<Double, Map<String, String>> add) {
            this.rate = rate;
            this.add = add;
        }

        @HostAccess.Export
        public void add(double value, Value tags) {
            if (rate != null) {
                rate.add(value != 0, tags(tags));
            } else {
                add.accept(value, tags(tags));
            }
        }
    }

    @HostAccess.Export
    public JsMetric metric(String type, String name, boolean isTime) {
        requireInit("creating a metric (new " + type + ")");
        return switch (type) {
            case "counter" -> new JsMetric(null, vu.metrics().counter(name)::add);
            case "gauge" -> new JsMetric(null, vu.metrics().gauge(name)::add);
            case "rate" -> new JsMetric(vu.metrics().rate(name), null);
            case "trend" -> new JsMetric(null, vu.metrics().trend(name, isTime)::add);
            default -> throw JsErrors.thrown("unknown metric type " + type);
        };
    }

    // --- k6/execution, __VU, __ITER ---

    /** __ITER: read when the script reads it (setting a global before each iteration allocated ~0.7 KB: a property descriptor, strings). */
    @HostAccess.Export
    public double iteration() {
        return vu.iteration();
    }

    @HostAccess.Export
    public int vuId() {
        return vu.vu();
    }

    @HostAccess.Export
    public double iterationInScenario() {
        return vu.execution().iterationInScenario();
    }

    @HostAccess.Export
    public double iterationInTest() {
        return vu.execution().iterationInTest();
    }

    @HostAccess.Export
    public String scenarioName() {
        return vu.execution().scenarioName();
    }

    @HostAccess.Export
    public String executor() {
        return vu.execution().executor();
    }

    @HostAccess.Export
    public double scenarioElapsedMillis() {
        return vu.execution().scenarioElapsedMillis();
    }

    @HostAccess.Export
    public int vusActive() {
        return vu.execution().vusActive();
    }

    @HostAccess.Export
    public int vusInitialized() {
        return vu.execution().vusInitialized();
    }

    @HostAccess.Export
    public void abort(String reason) {
        vu.execution().abort(reason);
    }

    @HostAccess.Export
    public void fail(String reason) {
        vu.execution().fail(reason);
    }

    @HostAccess.Export
    public double scenarioProgress() {
        return vu.execution().scenarioProgress();
    }

    @HostAccess.Export
    public double iterationsCompleted() {
        return vu.execution().iterationsCompleted();
    }

    @HostAccess.Export
    public double iterationsInterrupted() {
        return vu.execution().iterationsInterrupted();
    }

    @HostAccess.Export
    public double testRunDurationMillis() {
        return vu.execution().testRunDurationMillis();
    }

    /** The VU's current tags as a JSON object string (read by exec.vu.tags). */
    @HostAccess.Export
    public String tagsJson() throws com.fasterxml.jackson.core.JsonProcessingException {
        return JSON.writeValueAsString(vu.execution().currentTags());
    }

    @HostAccess.Export
    public void setTag(String key, Value value) {
        if (value == null || value.isNull()) throw JsErrors.thrown("exec.vu.tags." + key + ": a tag needs a value");
        if (value.hasMembers() || value.hasArrayElements()) {
            throw JsErrors.thrown("exec.vu.tags." + key + ": tag values are strings, numbers or booleans");
        }
        String text = value.isString() ? value.asString() : value.toString();
        JsErrors.onBehalfOfScript(() -> {
            vu.execution().setTag(key, text);
            return null;
        });
    }

    @HostAccess.Export
    public String envJson() {
        return runtime.envJson();
    }

    // --- console, open, SharedArray, timers ---

    @HostAccess.Export
    public void log(String level, String message) {
        runtime.log().log(level, message);
    }

    @HostAccess.Export
    public String open(String path) throws IOException {
        requireInit("open()");
        return runtime.files().readString(path);
    }

    @HostAccess.Export
    public byte[] openBinary(String path) throws IOException {
        requireInit("open()");
        return runtime.files().readBytes(path);
    }

    /** Builds (once per run) or looks up a SharedArray; returns its elements as JSON strings. */
    @HostAccess.Export
    public List<String> sharedArray(String name, Value build) {
        requireInit("new SharedArray()");
        return runtime.sharedArrays().get(name, () -> {
            Value items = build.execute();
            if (!items.hasArrayElements()) throw JsErrors.thrown("SharedArray '" + name + "': the function must return an array");
            Value stringify = items.getContext().eval("js", "JSON.stringify");
            List<String> json = new ArrayList<>((int) items.getArraySize());
            for (long i = 0; i < items.getArraySize(); i++) json.add(stringify.execute(items.getArrayElement(i)).asString());
            return json;
        });
    }

    @HostAccess.Export
    public double setTimer(Value callback, double delayMs, boolean repeat) {
        if (!callback.canExecute()) throw JsErrors.thrown("setTimeout/setInterval: the first argument must be a function");
        return loop.schedule(callback, delayMs, repeat);
    }

    @HostAccess.Export
    public void clearTimer(double id) {
        loop.cancel((long) id);
    }

    /** k6-summary's textSummary(data, {indent, enableColors}): the same renderer as the end-of-test summary. */
    @HostAccess.Export
    public String textSummary(String dataJson, String optionsJson) throws java.io.IOException {
        var opts = JSON.readTree(optionsJson == null ? "{}" : optionsJson);
        return jload.engine.output.summary.TextSummary.render(JSON.readTree(dataJson),
                jload.engine.output.summary.TextSummaryOptions.fromScript(opts));
    }

    static Map<String, String> tags(Value tags) {
        if (tags == null || tags.isNull() || !tags.hasMembers()) return Map.of();
        Map<String, String> map = new LinkedHashMap<>();
        for (String key : tags.getMemberKeys()) {
            Value v = tags.getMember(key);
            map.put(key, v.isString() ? v.asString() : v.toString());
        }
        return map;
    }

}
