package jload.engine.script.js;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jload.engine.script.EngineVu;
import jload.engine.script.InitStopper;
import jload.engine.script.ReadableFiles;
import jload.engine.script.ScriptFailure;
import jload.engine.script.ScriptLog;
import jload.engine.script.ScriptRuntime;
import jload.engine.script.VuScript;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.io.IOAccess;

/**
 * A JavaScript (ES module) scenario on GraalJS. One {@link Engine} and one {@link Source} are shared
 * by every VU — parsed and compiled code is shared, and a VU's own context costs tens of KB rather
 * than hundreds — while each VU gets its own {@link Context}, entered only by that VU's thread.
 */
public final class JsRuntime implements ScriptRuntime {
    private static final HostAccess HOST_ACCESS = HostAccess.newBuilder(HostAccess.EXPLICIT)
            .allowArrayAccess(true)
            .allowListAccess(true)
            // A ByteBuffer handed to a script (an HTTP body, responseType binary) becomes an ArrayBuffer over the same bytes: no copy.
            .allowBufferAccess(true)
            .build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path script;
    private final InitStopper inits;
    private final Engine engine;
    private final Source source;
    /** jload's own warm-up modules for this script (see {@link #newWarmUpVus}). */
    private final List<Source> warmUps;
    private final ModuleFileSystem fileSystem;
    private final ReadableFiles files;
    private final String envJson;
    private final ScriptLog log;
    private final SharedArrays sharedArrays = new SharedArrays();
    private final JsonNode options;
    private final Set<String> exportedFunctions;
    private final List<jload.engine.script.InitOnlyVu.DeclaredMetric> declaredMetrics;
    private final boolean usesWebSockets;

    /**
     * Parses the script and runs its init code once (as k6 does) to read its options and exports.
     *
     * @throws ScriptFailure of kind INIT on a syntax error or an exception in init code
     */
    public JsRuntime(Path script, List<Path> readableRoots, Map<String, String> env, ScriptLog log, InitStopper inits) {
        this.inits = inits;
        this.script = script.toAbsolutePath().normalize();
        this.files = new ReadableFiles(this.script, readableRoots);
        this.log = log;
        this.engine = EngineWarmup.takeOrCreate();
        this.fileSystem = new ModuleFileSystem(readableRoots);
        try {
            this.envJson = JSON.writeValueAsString(env);
            this.source = Source.newBuilder("js", this.script.toFile())
                    .mimeType("application/javascript+module")
                    .build();
        } catch (IOException e) {
            engine.close();
            throw new ScriptFailure(ScriptFailure.Kind.INIT, "cannot read " + script + ": " + e.getMessage(), null);
        }
        List<LocalImports.Import> imports = LocalImports.of(this.script, readableRoots);
        this.usesWebSockets = imports.stream().anyMatch(i -> BuiltinModules.isWebSocketModule(i.specifier()));
        List<String> warmUps = new java.util.ArrayList<>();
        if (imports.stream().anyMatch(i -> i.specifier().equals("k6/ws"))) warmUps.add("warmup-k6-ws.mjs");
        if (imports.stream().anyMatch(i -> i.specifier().equals("jload") || i.specifier().equals("jload/ws"))) warmUps.add("warmup-jload-ws.mjs");
        this.warmUps = warmUps.stream().map(m -> Source.newBuilder("js", BuiltinModules.sourceText(m), "<jload>/" + m)
                .mimeType("application/javascript+module").buildLiteral()).toList();
        List<LocalImports.Import> missing = MissingModules.find(imports);
        if (!missing.isEmpty()) {
            engine.close();
            throw new ScriptFailure(ScriptFailure.Kind.INIT, MissingModules.describe(missing), null);
        }
        jload.engine.script.InitOnlyVu reader = new jload.engine.script.InitOnlyVu(env);
        try (JsVuScript probe = instantiate(reader)) {
            this.declaredMetrics = List.copyOf(reader.declared());
            this.options = probe.exportedOptions();
            this.exportedFunctions = probe.exportedFunctionNames();
        } catch (RuntimeException e) {
            engine.close();
            throw e;
        }
    }

    /**
     * The shared engine. Its warnings (interpreter-only mode, virtual threads) are for embedders,
     * not for people running load tests: jload reports the mode in {@code jload version} instead.
     *
     * <p>Truffle's "latency" mode compiles hot script code sooner and more cheaply than the default
     * "throughput" mode. On stock JDKs the Graal compiler runs as Java (no libgraal) and is itself
     * slow until warm; load-test scripts are mostly glue around I/O. Measured (bench/ws/run.sh,
     * 1,000 WebSocket VUs × 1 msg/s, client on one core, 45 s warm-up): 126 CPU-ms per 1,000
     * messages in latency mode, 284 in throughput mode (a third of it still compiling), 182 with
     * no compilation at all. {@code -Djload.js.mode=throughput} restores the default.
     *
     * <p>Code that runs once per VU — module bodies and linking, a script's top level, jload's
     * globals, the host's bindings — is never compiled: with a thousand VUs it crosses the
     * compilation threshold during VU initialisation, and compiling it only costs (on the
     * generator's one core, while the Graal compiler is itself still cold: 0.5–3 s per such
     * compilation). {@code -Djload.js.compileOnly=…} replaces the filter (Truffle's CompileOnly).
     */
    /** Truffle call targets that run once per VU (see {@link #newEngine}), by name. */
    static final String RUN_ONCE_PER_VU = "~:module:,~:program,~ParsedProgramRoot,~ModuleScriptRoot,~TopLevelAwait,"
            + "~.putMember,~jloadGlobals";

    static Engine newEngine() {
        try {
            return engineBuilder().option("engine.Mode", System.getProperty("jload.js.mode", "latency"))
                    .option("engine.CompileOnly", System.getProperty("jload.js.compileOnly", RUN_ONCE_PER_VU)).build();
        } catch (IllegalArgumentException e) {
            // Interpreted (no runtime compilation): compilation modes do not exist there.
            return engineBuilder().build();
        }
    }

    private static Engine.Builder engineBuilder() {
        return Engine.newBuilder("js")
                .allowExperimentalOptions(true)
                .option("engine.WarnInterpreterOnly", "false")
                .option("engine.WarnVirtualThreadSupport", "false")
                .out(OutputStream.nullOutputStream())
                .err(OutputStream.nullOutputStream());
    }

    /** GraalJS's version and how it runs here ("Interpreted" when scripts are not compiled). */
    public static String[] engineDescription() {
        try (Engine e = newEngine()) {
            return new String[] {e.getVersion(), e.getImplementationName()};
        }
    }

    @Override
    public JsonNode options() {
        return options;
    }

    @Override
    public boolean usesWebSockets() {
        return usesWebSockets;
    }

    @Override
    public List<jload.engine.script.InitOnlyVu.DeclaredMetric> declaredMetrics() {
        return declaredMetrics;
    }

    @Override
    public Set<String> exportedFunctions() {
        return exportedFunctions;
    }

    @Override
    public VuScript newVu(EngineVu context) {
        return instantiate(context);
    }

    /**
     * jload's warm-up modules for the WebSocket modules this script imports ({@code k6/ws}, {@code jload/ws}): on the
     * shared engine, their first calls into jload's Java API — the JVM loading its classes and making the calls' method
     * handles, on the VU's thread and so on its event loop — happen before the test instead of in its first second.
     */
    @Override
    public List<VuScript> newWarmUpVus(EngineVu vu) {
        List<VuScript> scripts = new java.util.ArrayList<>();
        try {
            for (Source warmUp : warmUps) {
                Context context = contextBuilder(engine).allowIO(IOAccess.newBuilder().fileSystem(fileSystem).build()).build();
                scripts.add(JsVuScript.create(context, warmUp, vu, this));
            }
        } catch (RuntimeException e) {
            scripts.forEach(VuScript::close);
            throw e;
        }
        return scripts;
    }

    private JsVuScript instantiate(EngineVu vu) {
        Context context = contextBuilder(engine)
                .allowIO(IOAccess.newBuilder().fileSystem(fileSystem).build())
                .build();
        // Cancelling the context (from the signal's thread) ends init code even in a busy loop.
        return inits.run(() -> context.close(true), () -> JsVuScript.create(context, source, vu, this));
    }

    /** A VU context's options (without its file system): explicit host access, ES module exports, no console/print/load builtins. */
    static Context.Builder contextBuilder(Engine engine) {
        return Context.newBuilder("js")
                .engine(engine)
                .allowHostAccess(HOST_ACCESS)
                .option("js.esm-eval-returns-exports", "true")
                .option("js.console", "false")
                .option("js.print", "false")
                .option("js.load", "false");
    }

    Path scriptPath() {
        return script;
    }

    String envJson() {
        return envJson;
    }

    ScriptLog log() {
        return log;
    }

    SharedArrays sharedArrays() {
        return sharedArrays;
    }

    /** The files the script may open(). */
    ReadableFiles files() {
        return files;
    }

    /**
     * "file:line:column" of a failure, with the file relative to the working directory when inside
     * it. An error raised inside one of jload's built-in modules (bad arguments, a failed request
     * with {@code throw}) is placed at the script's call into the module, as a user reads it.
     */
    static String location(PolyglotException e) {
        org.graalvm.polyglot.SourceSection inBuiltin = null;
        org.graalvm.polyglot.SourceSection at = e.getSourceLocation();
        if (at != null && isBuiltin(at)) {
            inBuiltin = at;
            at = null;
        }
        if (at == null) {
            for (PolyglotException.StackFrame f : e.getPolyglotStackTrace()) {
                org.graalvm.polyglot.SourceSection loc = f.isGuestFrame() ? f.getSourceLocation() : null;
                if (loc == null) continue;
                if (!isBuiltin(loc)) {
                    at = loc;
                    break;
                }
                if (inBuiltin == null) inBuiltin = loc;
            }
        }
        if (at == null) at = inBuiltin;
        if (at == null || at.getSource() == null) return null;
        String name = at.getSource().getPath() != null ? displayPath(at.getSource().getPath()) : at.getSource().getName();
        return name + ":" + at.getStartLine() + ":" + at.getStartColumn();
    }

    private static boolean isBuiltin(org.graalvm.polyglot.SourceSection at) {
        org.graalvm.polyglot.Source src = at.getSource();
        if (src == null) return false;
        if (src.getPath() != null) return Path.of(src.getPath()).startsWith(ModuleFileSystem.BUILTIN_ROOT);
        return src.getName().startsWith("<jload>");
    }

    private static String displayPath(String path) {
        Path p = Path.of(path);
        if (p.startsWith(ModuleFileSystem.BUILTIN_ROOT)) return "<jload>/" + p.getFileName();
        return ReadableFiles.display(p);
    }

    @Override
    public void close() {
        engine.close(true);
    }

    private final Set<String> warned = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** True the first time {@code key} is seen in this run: for warnings that should print once. */
    boolean warnOnce(String key) {
        return warned.add(key);
    }

    static Set<String> functionNames(Value exports) {
        Set<String> names = new LinkedHashSet<>();
        for (String k : exports.getMemberKeys()) if (exports.getMember(k).canExecute()) names.add(k);
        return names;
    }
}
