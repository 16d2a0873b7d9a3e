package jload.engine.script.groovy;

import groovy.lang.Closure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import jload.VuContext;
import jload.engine.output.summary.TextSummary;
import jload.engine.output.summary.TextSummaryOptions;
import jload.engine.script.EngineVu;
import jload.engine.script.InitOnlyVu;
import jload.engine.script.ScriptDurations;
import jload.engine.script.ScriptJson;
import jload.groovy.ScriptHost;

/** One scenario instance's link to the engine: its VU, and what its top level declared. */
final class GroovyHost implements ScriptHost {
    private static final Map<String, String> BLOCK_NAMES = Map.of("default", "iteration { }", "setup", "setup { }",
            "teardown", "teardown { }", "handleSummary", "handleSummary { }");

    private final EngineVu vu;
    private final GroovyRuntime runtime;
    private final Map<String, Closure<?>> functions = new HashMap<>(4);
    private boolean inInit = true;
    private Map<String, Object> options;

    GroovyHost(EngineVu vu, GroovyRuntime runtime) {
        this.vu = vu;
        this.runtime = runtime;
    }

    /** How the script spells the block behind an engine function name: "default" is {@code iteration { }}. */
    static String blockName(String function) {
        return BLOCK_NAMES.getOrDefault(function, "iteration('" + function + "') { }");
    }

    void endInit() {
        inInit = false;
    }

    Closure<?> function(String name) {
        return functions.get(name);
    }

    Map<String, Closure<?>> functions() {
        return functions;
    }

    /** The options the top level declared (null when it had no options block). */
    Map<String, Object> options() {
        return options;
    }

    @Override
    public VuContext vu() {
        return vu;
    }

    @Override
    public boolean inInit() {
        return inInit;
    }

    @Override
    public boolean readsOptions() {
        return vu instanceof InitOnlyVu;
    }

    @Override
    public void declareOptions(Map<String, Object> declared) {
        requireTopLevel("options { }");
        if (options != null) throw new IllegalStateException("options { } is declared twice");
        options = declared;
    }

    @Override
    public void declareFunction(String name, Closure<?> body) {
        String block = blockName(name);
        requireTopLevel(block);
        if (functions.putIfAbsent(name, body) != null) throw new IllegalStateException(block + " is declared twice");
    }

    private void requireTopLevel(String what) {
        if (!inInit) throw new IllegalStateException(what + " can only be declared at the top level of the script");
    }

    @Override
    public Duration duration(String text, String what) {
        return ScriptDurations.parse(text, what);
    }

    @Override
    public String toJson(Object value) {
        return ScriptJson.write(value);
    }

    @Override
    public Object parseJson(String json) {
        return ScriptJson.parse(json);
    }

    @Override
    public void log(String level, String message) {
        runtime.log().log(level, message);
    }

    @Override
    public String open(String path) {
        try {
            return runtime.files().readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException("open('" + path + "'): " + e.getMessage(), e);
        }
    }

    @Override
    public byte[] openBinary(String path) {
        try {
            return runtime.files().readBytes(path);
        } catch (IOException e) {
            throw new UncheckedIOException("openBinary('" + path + "'): " + e.getMessage(), e);
        }
    }

    @Override
    public java.util.List<Object> sharedArray(String name, java.util.function.Supplier<?> build) {
        return runtime.sharedArray(name, build);
    }

    @Override
    public String textSummary(Object summaryData, Map<String, ?> textOptions) {
        return TextSummary.render(ScriptJson.tree(summaryData), TextSummaryOptions.fromScript(ScriptJson.tree(textOptions)));
    }
}
