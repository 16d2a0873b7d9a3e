package jload.engine.script.groovy;

import com.fasterxml.jackson.databind.JsonNode;
import groovy.lang.GroovyClassLoader;
import groovy.lang.GroovyCodeSource;
import groovy.transform.ThreadInterrupt;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jload.engine.script.EngineVu;
import jload.engine.script.InitOnlyVu;
import jload.engine.script.InitStopper;
import jload.engine.script.ReadableFiles;
import jload.engine.script.ScriptFailure;
import jload.engine.script.ScriptJson;
import jload.engine.script.ScriptLog;
import jload.engine.script.ScriptRuntime;
import jload.engine.script.VuScript;
import jload.groovy.JloadScript;
import org.codehaus.groovy.control.CompilationFailedException;
import org.codehaus.groovy.control.CompilerConfiguration;
import org.codehaus.groovy.control.customizers.ASTTransformationCustomizer;
import org.codehaus.groovy.control.customizers.ImportCustomizer;

/**
 * A Groovy scenario: compiled once into one class, instantiated per VU (compiling per VU would
 * make a class per VU and never unload them). Each instance runs the script's top level — k6's
 * init context — for its VU; the closures it declares there are that VU's functions.
 */
public final class GroovyRuntime implements ScriptRuntime {
    private final Path script;
    private final List<InitOnlyVu.DeclaredMetric> declaredMetrics;
    private final InitStopper inits;
    private final ReadableFiles files;
    private final ScriptLog log;
    private final GroovyClassLoader loader;
    private final Class<? extends JloadScript> scenario;
    private final JsonNode options;
    private final Set<String> functions;
    private final Map<String, List<Object>> sharedArrays = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * Compiles the script and runs its top level once, as a VU 0, to read its options and functions.
     *
     * @throws ScriptFailure of kind INIT on a compilation error or an exception at the top level
     */
    public GroovyRuntime(Path script, List<Path> readableRoots, Map<String, String> env, ScriptLog log, InitStopper inits) {
        this.inits = inits;
        this.script = script.toAbsolutePath().normalize();
        this.files = new ReadableFiles(this.script, readableRoots);
        this.log = log;
        this.loader = new GroovyClassLoader(GroovyRuntime.class.getClassLoader(), compilerConfiguration());
        this.scenario = compile();
        InitOnlyVu reader = new InitOnlyVu(env);
        GroovyVuScript probe = instantiate(reader);
        this.declaredMetrics = List.copyOf(reader.declared());
        Map<String, Object> declared = probe.host().options();
        this.options = ScriptJson.tree(declared == null ? Map.of() : declared);
        this.functions = Collections.unmodifiableSet(new LinkedHashSet<>(probe.host().functions().keySet()));
    }

    /**
     * Every scenario extends {@link JloadScript} (a {@code @BaseScript} line only helps the IDE),
     * sees jload's API without imports, stops at a VU's interrupt even inside a busy loop, and
     * sleeps in seconds wherever it calls {@code sleep}.
     */
    private static CompilerConfiguration compilerConfiguration() {
        CompilerConfiguration config = new CompilerConfiguration();
        config.setScriptBaseClass(JloadScript.class.getName());
        config.setSourceEncoding("UTF-8");
        config.addCompilationCustomizers(
                new ImportCustomizer().addStarImports("jload", "jload.groovy"),
                new ASTTransformationCustomizer(ThreadInterrupt.class),
                new K6SleepCalls());
        return config;
    }

    /**
     * The names of the DSL's properties ({@code http}, {@code ws}, {@code env}, …): a scenario file named after one
     * would make Groovy name the script's class so, and {@code http.get(…)} would then mean the class, not the client.
     */
    private static final java.util.Set<String> DSL_PROPERTIES = java.util.Arrays.stream(JloadScript.class.getMethods())
            .filter(m -> m.getParameterCount() == 0 && m.getName().startsWith("get") && m.getName().length() > 3
                    && m.getDeclaringClass() == JloadScript.class)
            .map(m -> Character.toLowerCase(m.getName().charAt(3)) + m.getName().substring(4))
            .collect(java.util.stream.Collectors.toUnmodifiableSet());

    private Class<? extends JloadScript> compile() {
        String file = script.getFileName().toString();
        String className = file.endsWith(".groovy") ? file.substring(0, file.length() - ".groovy".length()) : file;
        if (DSL_PROPERTIES.contains(className)) {
            throw new ScriptFailure(ScriptFailure.Kind.INIT, "a scenario file cannot be named after jload's '" + className
                    + "' (Groovy would name the script's class " + className + ", which hides it); rename the file, e.g. "
                    + className + "-test.groovy", ReadableFiles.display(script));
        }
        Class<?> compiled;
        try {
            compiled = loader.parseClass(new GroovyCodeSource(script.toFile(), "UTF-8"));
        } catch (CompilationFailedException e) {
            throw GroovyFailures.compilation(e, script);
        } catch (IOException e) {
            throw new ScriptFailure(ScriptFailure.Kind.INIT, "cannot read " + script + ": " + e.getMessage(), null);
        }
        if (!JloadScript.class.isAssignableFrom(compiled)) {
            throw new ScriptFailure(ScriptFailure.Kind.INIT, "the script's base class must extend " + JloadScript.class.getName()
                    + " (check its @BaseScript line)", ReadableFiles.display(script));
        }
        return compiled.asSubclass(JloadScript.class);
    }

    @Override
    public JsonNode options() {
        return options;
    }

    /** Groovy scenarios reach WebSockets through {@code ws.connect}: a look at the source is enough. */
    @Override
    public boolean usesWebSockets() {
        try {
            return java.util.regex.Pattern.compile("\\bws\\s*\\.\\s*connect\\b").matcher(java.nio.file.Files.readString(script)).find();
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public List<InitOnlyVu.DeclaredMetric> declaredMetrics() {
        return declaredMetrics;
    }

    @Override
    public Set<String> exportedFunctions() {
        return functions;
    }

    @Override
    public VuScript newVu(EngineVu vu) {
        return instantiate(vu);
    }

    private GroovyVuScript instantiate(EngineVu vu) {
        JloadScript instance;
        try {
            instance = scenario.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new ScriptFailure(ScriptFailure.Kind.INIT, "cannot instantiate the script: " + e, ReadableFiles.display(script));
        }
        GroovyHost host = new GroovyHost(vu, this);
        instance.jloadHost(host);
        try {
            Thread initThread = Thread.currentThread();
            // Groovy code checks for interruption in its loops (the ThreadInterrupt transform).
            inits.run(initThread::interrupt, () -> instance.run());
        } catch (ScriptFailure f) {
            throw f;
        } catch (Throwable t) {
            if (t instanceof VirtualMachineError fatal) throw fatal;
            ScriptFailure f = GroovyFailures.thrown(t, ScriptFailure.Kind.INIT, script);
            throw f.kind() == ScriptFailure.Kind.INTERRUPTED ? f : new ScriptFailure(ScriptFailure.Kind.INIT, f.getMessage(), f.location());
        }
        host.endInit();
        return new GroovyVuScript(host, script);
    }

    List<Object> sharedArray(String name, java.util.function.Supplier<?> build) {
        if (name == null || name.isEmpty()) throw new IllegalArgumentException("sharedArray: a shared array needs a name");
        return sharedArrays.computeIfAbsent(name, n -> ReadOnlyData.list(build.get(), "sharedArray('" + n + "')"));
    }

    ReadableFiles files() {
        return files;
    }

    ScriptLog log() {
        return log;
    }

    @Override
    public void close() {
        try {
            loader.close();
        } catch (IOException e) {
            // nothing was open for reading
        }
    }
}
