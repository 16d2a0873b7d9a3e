package jload.engine.output;

import java.io.PrintStream;
import java.util.List;

/**
 * The stderr stream, shared by log lines and the live progress block: on a terminal the block is
 * redrawn in place and erased before a log line is printed, so the two never tear each other.
 */
public final class Screen {
    private final PrintStream out;
    private final boolean tty;
    private int liveLines;

    public Screen(PrintStream out, boolean tty) {
        this.out = out;
        this.tty = tty;
    }

    public boolean isTty() {
        return tty;
    }

    public synchronized void println(String line) {
        eraseLive();
        out.println(line);
        out.flush();
    }

    /** Replaces the live block with {@code lines} (on a terminal); elsewhere prints them once. */
    public synchronized void showLive(List<String> lines) {
        if (!tty) {
            lines.forEach(out::println);
            out.flush();
            return;
        }
        eraseLive();
        for (String l : lines) out.println(l);
        liveLines = lines.size();
        out.flush();
    }

    /** Leaves the last live block on screen as ordinary output. */
    public synchronized void keepLive() {
        liveLines = 0;
    }

    private void eraseLive() {
        if (tty && liveLines > 0) {
            out.print("\033[" + liveLines + "F\033[J");
            liveLines = 0;
        }
    }
}
