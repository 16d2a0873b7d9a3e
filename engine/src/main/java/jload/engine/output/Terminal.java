package jload.engine.output;

/** Whether jload's standard streams are terminals (decides colours and the live progress display). */
public final class Terminal {
    private Terminal() {}

    public static boolean stdoutIsTty() {
        java.io.Console c = System.console();
        return c != null && c.isTerminal();
    }

    public static boolean stderrIsTty() {
        // Java cannot ask about stderr alone; the launcher tells us (test -t 2).
        String v = System.getProperty("jload.stderr.tty");
        return v != null ? Boolean.parseBoolean(v) : stdoutIsTty();
    }
}
