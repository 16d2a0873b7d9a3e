package jload.engine.script;

/** Where a script's console output goes. Implementations are thread-safe. */
@FunctionalInterface
public interface ScriptLog {
    /** @param level one of debug, info, warn, error */
    void log(String level, String message);
}
