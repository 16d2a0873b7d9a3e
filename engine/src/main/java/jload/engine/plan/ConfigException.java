package jload.engine.plan;

/** A bad option, flag or value. Its message names what was wrong and what was expected; exit code 104. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
