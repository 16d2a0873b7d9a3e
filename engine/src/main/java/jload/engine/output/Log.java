package jload.engine.output;

import java.util.Locale;
import jload.engine.script.ScriptLog;

/**
 * Everything jload says while a run is going, on stderr, in k6's shape ({@code INFO[0003] message
 * source=console}) so logs people and tools already read stay familiar. Thread-safe.
 */
public final class Log implements ScriptLog {
    private final Screen out;
    private final long startNanos = System.nanoTime();
    private final boolean quietInfo;
    private final boolean verbose;

    /**
     * @param quietInfo drop jload's own info lines (-q); the script's console output stays
     * @param verbose   show debug lines (console.debug), as k6 does with -v
     */
    public Log(Screen out, boolean quietInfo, boolean verbose) {
        this.out = out;
        this.quietInfo = quietInfo;
        this.verbose = verbose;
    }

    @Override
    public void log(String level, String message) {
        line(level, message, "console");
    }

    /** Only with -v. */
    public void debug(String message) {
        line("debug", message, null);
    }

    public void info(String message) {
        line("info", message, null);
    }

    public void warn(String message) {
        line("warn", message, null);
    }

    public void error(String message) {
        line("error", message, null);
    }

    private void line(String level, String message, String source) {
        if (level.equals("debug") && !verbose) return;
        if (quietInfo && level.equals("info") && source == null) return;
        String tag = switch (level) {
            case "warn" -> "WARN";
            case "error" -> "ERRO";
            case "debug" -> "DEBU";
            default -> "INFO";
        };
        long secs = (System.nanoTime() - startNanos) / 1_000_000_000L;
        String text = String.format(Locale.ROOT, "%s[%04d] %s", tag, secs, message);
        if (source != null) text = String.format(Locale.ROOT, "%-60s source=%s", text, source);
        out.println(text);
    }
}
