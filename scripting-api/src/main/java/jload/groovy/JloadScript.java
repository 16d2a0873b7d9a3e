package jload.groovy;

import groovy.lang.Binding;
import groovy.lang.Closure;
import groovy.lang.DelegatesTo;
import groovy.lang.Script;
import java.time.Duration;
import java.util.Map;
import jload.Counter;
import jload.Execution;
import jload.Gauge;
import jload.Metrics;
import jload.Rate;
import jload.SocketIos;
import jload.Trend;
import jload.VuContext;
import jload.WebSockets;
import org.codehaus.groovy.runtime.typehandling.DefaultTypeTransformation;

/**
 * The base class of every Groovy scenario: k6's API with k6's names, typed. jload compiles a
 * scenario once and runs its top level once per VU (k6's init context), so the closures it
 * declares there — {@code iteration { … }}, {@code setup { … }} — and the variables they capture
 * belong to that VU.
 *
 * <pre>{@code
 * import groovy.transform.BaseScript
 * import jload.groovy.JloadScript
 *
 * @BaseScript JloadScript jload          // for the IDE: jload uses this base class anyway
 *
 * options { vus 10; duration '30s'; threshold 'checks', 'rate==1' }
 *
 * def rtt = trend('my_rtt', time: true)
 *
 * iteration {
 *     def s = ws.connect("${env.TARGET}/ws/echo")
 *     s.send(json(type: 'ping', id: iteration))
 *     def pong = s.expect(timeout: '2s') { it.json().type == 'ping' }
 *     check(pong, 'echo arrived') { it != null }
 *     s.close()
 * }
 * }</pre>
 */
public abstract class JloadScript extends Script {
    private ScriptHost host;
    private Console console;

    protected JloadScript() {}

    protected JloadScript(Binding binding) {
        super(binding);
    }

    /** Engine's: binds this instance to its VU before the top level runs. */
    public final void jloadHost(ScriptHost host) {
        this.host = host;
        this.console = new Console(host);
    }

    private ScriptHost host() {
        if (host == null) throw new IllegalStateException("this scenario runs only inside jload (jload run scenario.groovy)");
        return host;
    }

    // --- what the engine calls ---

    /** The test's options: k6's options object, written as calls (see {@link OptionsSpec}). */
    public void options(@DelegatesTo(value = OptionsSpec.class, strategy = Closure.DELEGATE_FIRST) Closure<?> spec) {
        if (!host().readsOptions()) return; // read once per run, not kept by every VU
        OptionsSpec options = new OptionsSpec();
        runWith(options, spec);
        host().declareOptions(options.toMap());
    }

    /** The iteration every VU repeats (k6's {@code export default function}); {@code data} is setup's result. */
    public void iteration(Closure<?> body) {
        host().declareFunction("default", body);
    }

    /** A named iteration, run by scenarios that name it: {@code scenario('chat') { exec 'chat'; … }}. */
    public void iteration(String name, Closure<?> body) {
        host().declareFunction(name, body);
    }

    /** Runs once before the VUs start; what it returns (JSON-like: maps, lists, strings, numbers) reaches every iteration as {@code data}. */
    public void setup(Closure<?> body) {
        host().declareFunction("setup", body);
    }

    /** Runs once after the test, with setup's data. */
    public void teardown(Closure<?> body) {
        host().declareFunction("teardown", body);
    }

    /**
     * Replaces the end-of-test summary: gets k6's summary data and returns a map of destination
     * ({@code 'stdout'}, {@code 'stderr'} or a file path) to content.
     */
    public void handleSummary(Closure<?> body) {
        host().declareFunction("handleSummary", body);
    }

    // --- who and where ---

    /** This VU's number, from 1; 0 in setup and teardown (k6's {@code __VU}). */
    public int getVu() {
        return host().vu().vu();
    }

    /** This VU's iteration number in the current scenario, from 0 (k6's {@code __ITER}). */
    public long getIteration() {
        return host().vu().iteration();
    }

    /** The variables given with {@code -e K=V} (k6's {@code __ENV}). */
    public Map<String, String> getEnv() {
        return host().vu().env();
    }

    /** Scenario, iteration and test information (k6's {@code k6/execution}). */
    public Execution getExec() {
        return host().vu().execution();
    }

    /** This VU's WebSockets ({@code jload/ws}): {@code ws.connect(url, headers: […], timeout: '5s')}. */
    public WebSockets getWs() {
        return host().vu().ws();
    }

    /**
     * This VU's Socket.IO clients ({@code jload/socketio}):
     * {@code def io = socketio.connect(url, namespace: '/chat', auth: [token: t])}; event arguments are JSON arrays' text.
     */
    public SocketIos getSocketio() {
        return host().vu().socketio();
    }

    /** The target's own metrics: {@code def m = targetMetrics.scrape("${env.TARGET_HTTP}/metrics"); m.value('sandbox_connections')}. */
    public jload.TargetMetrics getTargetMetrics() {
        return host().vu().targetMetrics();
    }

    /** HTTP ({@code k6/http}): {@code def res = http.get("${env.TARGET_HTTP}/health"); check(res, 'ok') { it.status() == 200 }}. */
    public jload.Http getHttp() {
        return host().vu().http();
    }

    /** Redis ({@code jload/redis}): {@code def r = redis.client(env.REDIS_URL); r.publish('events', json(n: 1))}. */
    public jload.Redis getRedis() {
        return host().vu().redis();
    }

    /** MongoDB ({@code jload/mongo}): {@code def events = mongo.client(env.MONGO_URL).collection('app', 'events')}; documents as JSON text. */
    public jload.Mongo getMongo() {
        return host().vu().mongo();
    }

    /** The typed metrics maker, for names chosen at run time. */
    public Metrics getMetrics() {
        return host().vu().metrics();
    }

    /** k6's {@code console}: {@code console.log}, {@code info}, {@code debug}, {@code warn}, {@code error}. */
    public Console getConsole() {
        host();
        return console;
    }

    // --- k6's verbs ---

    /**
     * Records each named check on {@code value} (k6's {@code check(value, {name: fn})}): a closure
     * is called with the value, anything else is taken by Groovy truth. True when all passed.
     */
    public boolean check(Object value, Map<String, ?> checks) {
        return check(value, checks, Map.of());
    }

    public boolean check(Object value, Map<String, ?> checks, Map<String, String> tags) {
        VuContext vu = host().vu();
        boolean all = true;
        for (Map.Entry<String, ?> c : checks.entrySet()) {
            Object verdict = c.getValue() instanceof Closure<?> predicate ? predicate.call(value) : c.getValue();
            boolean passed = DefaultTypeTransformation.castToBoolean(verdict);
            vu.check(c.getKey(), passed, tags);
            all &= passed;
        }
        return all;
    }

    /** One check: {@code check(reply, 'echo arrived') { it != null }}. */
    public boolean check(Object value, String name, Closure<?> predicate) {
        boolean passed = DefaultTypeTransformation.castToBoolean(predicate.call(value));
        return host().vu().check(name, passed, Map.of());
    }

    /** Runs {@code body} as the named group: its samples are tagged {@code group}, its time is group_duration. */
    public <T> T group(String name, Closure<T> body) {
        return host().vu().group(name, body::call);
    }

    /** Pauses this VU for a number of <b>seconds</b>, as k6's {@code sleep} (not Groovy's milliseconds). */
    public void sleep(Number seconds) {
        sleep(seconds.doubleValue());
    }

    // Whole numbers need their own overloads: Groovy's Object.sleep(long milliseconds) would win them.

    /** {@code sleep 1}: one second. */
    public void sleep(int seconds) {
        sleep((double) seconds);
    }

    public void sleep(long seconds) {
        sleep((double) seconds);
    }

    public void sleep(double seconds) {
        if (Double.isNaN(seconds) || seconds <= 0) return;
        host().vu().sleep(Duration.ofNanos((long) (seconds * 1e9)));
    }

    /**
     * A k6 duration as a {@link Duration}: {@code duration(env.TIMEOUT ?: '5s')} reads a parameter; a malformed one stops
     * the script naming it. (Inside {@code options { }}, {@code duration '30s'} is the test's duration option.)
     */
    public Duration duration(CharSequence text) {
        return host().duration(text.toString(), "duration('" + text + "')");
    }

    /** Pauses this VU for a k6 duration: {@code sleep '500ms'}. */
    public void sleep(CharSequence duration) {
        host().vu().sleep(host().duration(duration.toString(), "sleep"));
    }

    /** Ends the iteration as failed with this message (k6's {@code fail}). */
    public void fail(String message) {
        throw new IterationFailed(message);
    }

    // --- custom metrics (made at the top level, as in k6) ---

    public Counter counter(String name) {
        requireInit("counter('" + name + "')");
        return host().vu().metrics().counter(name);
    }

    public Gauge gauge(String name) {
        requireInit("gauge('" + name + "')");
        return host().vu().metrics().gauge(name);
    }

    public Rate rate(String name) {
        requireInit("rate('" + name + "')");
        return host().vu().metrics().rate(name);
    }

    public Trend trend(String name) {
        return trend(Map.of(), name);
    }

    /** {@code trend('my_rtt', time: true)}: a time trend takes milliseconds and shows units. */
    public Trend trend(Map<String, ?> settings, String name) {
        for (String key : settings.keySet()) {
            if (!key.equals("time")) throw new IllegalArgumentException("trend('" + name + "'): unknown setting '" + key + "'; expected time");
        }
        requireInit("trend('" + name + "')");
        return host().vu().metrics().trend(name, DefaultTypeTransformation.castToBoolean(settings.get("time")));
    }

    private void requireInit(String what) {
        if (!host().inInit()) throw new IllegalStateException(what + " is only available at the top level of the script (k6's init context)");
    }

    // --- files, JSON, output ---

    /** A text file, relative to the script's folder (top level only, as k6's {@code open}). */
    public String open(String path) {
        requireInit("open()");
        return host().open(path);
    }

    public byte[] openBinary(String path) {
        requireInit("openBinary()");
        return host().openBinary(path);
    }

    /**
     * k6's SharedArray: {@code def users = sharedArray('users') { parseJson(open('users.json')) }}.
     * The closure runs once per run; every VU gets the same list, read-only (maps and lists in it
     * too), so a large data set costs its memory once, not once per VU.
     */
    public java.util.List<Object> sharedArray(String name, Closure<?> build) {
        requireInit("sharedArray('" + name + "')");
        return host().sharedArray(name, build::call);
    }

    /** {@code json(type: 'ping', id: 7)} → {@code {"type":"ping","id":7}}; any JSON-like value. */
    public String json(Object value) {
        return host().toJson(value);
    }

    /** JSON text as Map, List, String, Number, Boolean or null. */
    public Object parseJson(String text) {
        return host().parseJson(text);
    }

    /** k6-summary's {@code textSummary(data, indent: ' ', enableColors: true)}, for handleSummary. */
    public String textSummary(Map<String, ?> options, Object summaryData) {
        return host().textSummary(summaryData, options);
    }

    public String textSummary(Object summaryData) {
        return host().textSummary(summaryData, Map.of());
    }

    /** {@code println} goes to jload's log (as k6's {@code console.log}), not to the summary's stdout. */
    @Override
    public void println(Object value) {
        host().log("info", String.valueOf(value));
    }

    @Override
    public void println() {
        host().log("info", "");
    }

    @Override
    public void print(Object value) {
        host().log("info", String.valueOf(value));
    }

    /**
     * A scenario's names (vu, env, ws, …) are methods, not binding variables: looking them up in the
     * binding first, as {@link Script} does, costs an exception per miss on every access.
     */
    @Override
    public Object getProperty(String property) {
        Binding binding = getBinding();
        if (binding.hasVariable(property)) return binding.getVariable(property);
        return getMetaClass().getProperty(this, property);
    }

    static void runWith(Object delegate, Closure<?> spec) {
        Closure<?> c = (Closure<?>) spec.clone();
        c.setDelegate(delegate);
        c.setResolveStrategy(Closure.DELEGATE_FIRST);
        c.call();
    }

    static String joined(Object[] values) {
        StringBuilder sb = new StringBuilder();
        for (Object v : values) {
            if (!sb.isEmpty()) sb.append(' ');
            sb.append(v);
        }
        return sb.toString();
    }
}
