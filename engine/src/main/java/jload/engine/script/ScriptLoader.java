package jload.engine.script;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jload.engine.plan.ConfigException;
import jload.engine.script.groovy.GroovyRuntime;
import jload.engine.script.js.JsRuntime;

/** Picks the runtime for a script by its file extension and loads it. */
public final class ScriptLoader {
    private ScriptLoader() {}

    /**
     * @param readableRoots folders the script may read (its own folder, plus any the user allows)
     * @throws ScriptFailure when the script cannot be parsed or its init code fails (exit 107)
     */
    public static ScriptRuntime load(Path script, List<Path> readableRoots, Map<String, String> env, ScriptLog log) {
        return load(script, readableRoots, env, log, new InitStopper());
    }

    /** As {@link #load(Path, List, Map, ScriptLog)}, with init code that {@code inits} can stop (a stop signal). */
    public static ScriptRuntime load(Path script, List<Path> readableRoots, Map<String, String> env, ScriptLog log,
                                     InitStopper inits) {
        if (!Files.isRegularFile(script)) {
            throw new ScriptFailure(ScriptFailure.Kind.INIT, "the script '" + script + "' does not exist or is not a file", null);
        }
        String name = script.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".js") || name.endsWith(".mjs")) return new JsRuntime(script, readableRoots, env, log, inits);
        if (name.endsWith(".groovy")) return new GroovyRuntime(script, readableRoots, env, log, inits);
        throw new ConfigException("'" + script + "': expected a JavaScript (.js, .mjs) or Groovy (.groovy) scenario");
    }
}
