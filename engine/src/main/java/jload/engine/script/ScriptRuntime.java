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

    /**
     * jload's own scripts that make this script's first calls into its WebSocket modules before the test, each
     * instantiated for {@code vu} and run by calling {@code default} with {@code {"echo": URL}}, a WebSocket echo (the
     * runner's {@code ScriptWarmup}). None when there is nothing to warm up; Groovy's calls are plain
     * Java, which the client's own warm-up covers.
     */
    default java.util.List<VuScript> newWarmUpVus(EngineVu vu) {
        return java.util.List.of();
    }

    @Override
    void close();
}
