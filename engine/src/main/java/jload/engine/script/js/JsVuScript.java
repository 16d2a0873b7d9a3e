package jload.engine.script.js;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import jload.engine.script.EngineVu;
import jload.engine.exec.TestAborted;
import jload.engine.exec.VuInterrupted;
import jload.engine.script.ScriptFailure;
import jload.engine.script.VuScript;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;

/** The script instantiated for one VU: its own context, module exports and event loop. */
final class JsVuScript implements VuScript {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Context context;
    private final EngineVu vu;
    private final JsBridge bridge;
    private final JsEventLoop loop;
    private final Value exports;
    private final Value bindings;
    private final Value parseJson;
    private final Value stringifyJson;
    private String lastDataJson;
    private Value lastData;
    private Map<String, String> lastEnv;
    private String lastFunctionName;
    private Value lastFunction;

    private JsVuScript(Context context, EngineVu vu, JsBridge bridge, JsEventLoop loop, Value exports) {
        this.context = context;
        this.vu = vu;
        this.bridge = bridge;
        this.loop = loop;
        this.exports = exports;
        this.bindings = context.getBindings("js");
        this.parseJson = context.eval("js", "JSON.parse");
        this.stringifyJson = context.eval("js", "JSON.stringify");
        this.lastEnv = vu.env();
    }

    /** Creates the VU's globals and runs the module's init code. */
    static JsVuScript create(Context context, Source source, EngineVu vu, JsRuntime runtime) {
        JsEventLoop loop = new JsEventLoop();
        JsWebSockets webSockets = new JsWebSockets(vu, loop, runtime);
        JsBridge bridge = new JsBridge(vu, runtime, loop, webSockets);
        try {
            Value bindings = context.getBindings("js");
            bindings.putMember("__jload", bridge);
            bindings.putMember("__jload_ws", webSockets);
            bindings.putMember("__jload_scrape", new JsTargetMetrics(vu));
            bindings.putMember("__jload_redis", new JsRedis(vu));
            bindings.putMember("__jload_mongo", new JsMongo(vu));
            bindings.putMember("__jload_http", new JsHttp(vu));
            bindings.putMember("__VU", vu.vu());
            context.eval(Source.newBuilder("js", BuiltinModules.sourceText("globals.js"), "<jload>/globals.js").buildLiteral());
            Value exports = context.eval(source);
            bridge.endInit();
            return new JsVuScript(context, vu, bridge, loop, exports);
        } catch (PolyglotException e) {
            context.close(true);
            throw failure(e, ScriptFailure.Kind.INIT);
        } catch (RuntimeException e) {
            context.close(true);
            throw e;
        }
    }

    JsonNode exportedOptions() {
        Value options = exports.getMember("options");
        if (options == null || options.isNull()) return JSON.createObjectNode();
        try {
            return JSON.readTree(stringifyJson.execute(options).asString());
        } catch (Exception e) {
            throw new ScriptFailure(ScriptFailure.Kind.INIT, "the exported options are not JSON-serialisable: " + e.getMessage(), null);
        }
    }

    Set<String> exportedFunctionNames() {
        return JsRuntime.functionNames(exports);
    }

    @Override
    public String call(String function, String dataJson) {
        // Looked up once per VU, as k6 does: a VU calls the same exported function each iteration.
        Value fn = lastFunction;
        if (!function.equals(lastFunctionName)) {
            fn = exports.getMember(function);
            if (fn == null || !fn.canExecute()) {
                throw new ScriptFailure(ScriptFailure.Kind.EXCEPTION, "the script does not export a function named '" + function + "'", null);
            }
            lastFunctionName = function;
            lastFunction = fn;
        }
        try {
            Map<String, String> env = vu.env();
            if (env != lastEnv) {
                // A scenario with its own env: __ENV becomes the run's variables with the scenario's laid over.
                bindings.putMember("__ENV", parseJson.execute(JSON.writeValueAsString(env)));
                lastEnv = env;
            }
            Value result = dataJson == null ? fn.execute() : fn.execute(data(dataJson));
            result = loop.drain(result, vu);
            if (result == null || result.isNull()) return null;
            Value json = stringifyJson.execute(result);
            return json.isNull() ? null : json.asString();
        } catch (PolyglotException e) {
            loop.reset();
            throw failure(e, ScriptFailure.Kind.EXCEPTION);
        } catch (JsEventLoop.JsRejection e) {
            loop.reset();
            throw rejection(e);
        } catch (VuInterrupted e) {
            loop.reset();
            throw new ScriptFailure(ScriptFailure.Kind.INTERRUPTED, "interrupted", null);
        } catch (IllegalStateException e) {
            loop.reset();
            throw new ScriptFailure(ScriptFailure.Kind.EXCEPTION, e.getMessage(), null);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** setup()'s data, parsed once per VU (k6 gives each VU its own copy). */
    private Value data(String dataJson) {
        if (!dataJson.equals(lastDataJson)) {
            lastData = parseJson.execute(dataJson);
            lastDataJson = dataJson;
        }
        return lastData;
    }

    private ScriptFailure rejection(JsEventLoop.JsRejection e) {
        Value reason = e.reason;
        String message = reason == null ? "promise rejected" : reason.toString();
        String where = null;
        if (reason != null && reason.isException()) {
            try {
                reason.throwException();
            } catch (PolyglotException pe) {
                where = JsRuntime.location(pe);
                message = pe.getMessage();
            }
        }
        return new ScriptFailure(ScriptFailure.Kind.EXCEPTION, message, where);
    }

    static ScriptFailure failure(PolyglotException e, ScriptFailure.Kind kindOfException) {
        if (e.isInterrupted() || e.isCancelled()) {
            return new ScriptFailure(ScriptFailure.Kind.INTERRUPTED, "interrupted", null);
        }
        if (e.isHostException()) {
            Throwable host = e.asHostException();
            if (host instanceof VuInterrupted) return new ScriptFailure(ScriptFailure.Kind.INTERRUPTED, "interrupted", null);
            if (host instanceof TestAborted) return new ScriptFailure(ScriptFailure.Kind.ABORT, host.getMessage(), JsRuntime.location(e));
            String msg = host.getMessage() == null ? host.getClass().getSimpleName() : host.getMessage();
            return new ScriptFailure(kindOfException, "Error: " + msg, JsRuntime.location(e));
        }
        if (e.isSyntaxError()) {
            return new ScriptFailure(ScriptFailure.Kind.INIT, e.getMessage(), JsRuntime.location(e));
        }
        return new ScriptFailure(kindOfException, e.getMessage(), JsRuntime.location(e));
    }

    @Override
    public void interrupt(Thread runner) {
        runner.interrupt();
        try {
            context.interrupt(Duration.ofMillis(200));
        } catch (java.util.concurrent.TimeoutException e) {
            // The VU is blocked in host code that ignores interrupts; it stops when that returns.
        } catch (IllegalStateException e) {
            // closed meanwhile
        }
    }

    @Override
    public void close() {
        context.close(true);
    }
}
