package jload.engine.script;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;

/**
 * One loaded scenario script, in some language: parsed/compiled once, instantiated once per VU.
 * Implementations are thread-safe; each {@link VuScript} is used by one thread at a time.
 */
public interface ScriptRuntime extends AutoCloseable {
    /** The script's exported {@code options} as JSON (an empty object when there are none). */
    JsonNode options();

    /** The names of the functions the script exports ({@code default}, {@code setup}, …). */
    Set<String> exportedFunctions();

    /** Whether the script may open WebSockets (jload warms the client up before the test, so its first handshakes are not cold). */
    boolean usesWebSockets();

    /** The custom metrics the init code created when it ran to read the options. */
    java.util.List<InitOnlyVu.DeclaredMetric> declaredMetrics();

    /** Runs the script's init code for a new VU. Throws {@link ScriptFailure} when init fails. */
    VuScript newVu(EngineVu context);

    @Override
    void close();
}
