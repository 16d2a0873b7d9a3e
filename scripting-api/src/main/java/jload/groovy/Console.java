package jload.groovy;

/** k6's {@code console}: a scenario's messages, on jload's log with their level. */
public final class Console {
    private final ScriptHost host;

    Console(ScriptHost host) {
        this.host = host;
    }

    public void log(Object... values) {
        host.log("info", JloadScript.joined(values));
    }

    public void info(Object... values) {
        host.log("info", JloadScript.joined(values));
    }

    public void debug(Object... values) {
        host.log("debug", JloadScript.joined(values));
    }

    public void warn(Object... values) {
        host.log("warn", JloadScript.joined(values));
    }

    public void error(Object... values) {
        host.log("error", JloadScript.joined(values));
    }
}
