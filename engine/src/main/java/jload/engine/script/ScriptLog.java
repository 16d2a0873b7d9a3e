package jload.engine.script;

/** Where a script's console output, and jload's warnings about the script, go. Thread-safe. */
public interface ScriptLog {
    /** The script's console.* output. @param level one of debug, info, warn, error */
    void log(String level, String message);

    /** jload's own warning about how the script behaves (e.g. a k6 quirk it relies on). */
    void warn(String message);
}
