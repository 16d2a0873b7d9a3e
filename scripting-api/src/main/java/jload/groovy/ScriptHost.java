package jload.groovy;

import groovy.lang.Closure;
import java.time.Duration;
import java.util.Map;
import jload.VuContext;

/**
 * What the engine gives one instance of a Groovy scenario (one VU, or the instance that reads the
 * options). Implemented by the engine; scenarios use {@link JloadScript}'s methods instead.
 */
public interface ScriptHost {
    /** The VU this instance runs as. */
    VuContext vu();

    /** True while the script's top level runs (k6's init context): metrics are made, files opened. */
    boolean inInit();

    /**
     * Whether this instance is the one whose options count (the engine reads them once, from an
     * instance that runs as VU 0); the others skip the block.
     */
    boolean readsOptions();

    /** Receives {@code options { … }} as k6's options object. */
    void declareOptions(Map<String, Object> options);

    /**
     * Receives a function the engine calls: {@code default} (the iteration), {@code setup},
     * {@code teardown}, {@code handleSummary}, or a name that a scenario's {@code exec} gives.
     */
    void declareFunction(String name, Closure<?> body);

    /** A k6 duration ({@code '2s'}, {@code '1m30s'}, {@code '500ms'}); {@code what} names it in errors. */
    Duration duration(String text, String what);

    String toJson(Object value);

    /** JSON text as Map, List, String, Number, Boolean or null. */
    Object parseJson(String json);

    /** The script's console output. @param level debug, info, warn or error */
    void log(String level, String message);

    /** A text file next to the script (init only, as k6's {@code open}). */
    String open(String path);

    byte[] openBinary(String path);

    /**
     * k6's SharedArray: built once per run by the first instance that asks (the options-reading
     * one), then the same read-only list for every VU.
     */
    java.util.List<Object> sharedArray(String name, java.util.function.Supplier<?> build);

    /** k6-summary's {@code textSummary(data, {indent, enableColors})}. */
    String textSummary(Object summaryData, Map<String, ?> options);
}
