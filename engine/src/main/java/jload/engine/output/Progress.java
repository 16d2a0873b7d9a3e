package jload.engine.output;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import jload.engine.exec.ScenarioRun;
import jload.engine.plan.K6Duration;

/**
 * The live progress display, k6's shape: a "running" line with elapsed time, VUs and iterations,
 * then one bar per scenario. Redrawn about once a second on a terminal; printed as plain lines
 * every few seconds otherwise, so CI logs stay readable.
 */
public final class Progress {
    private static final int BAR_WIDTH = 40;
    private static final long TTY_PERIOD_MS = 1000;
    private static final long PLAIN_PERIOD_MS = 5000;

    private final Screen screen;
    private final Supplier<List<ScenarioRun>> scenarios;
    private final IntSupplier activeVus;
    private final IntSupplier maxVus;
    private final long startNanos = System.nanoTime();
    private Thread thread;

    public Progress(Screen screen, Supplier<List<ScenarioRun>> scenarios, IntSupplier activeVus, IntSupplier maxVus) {
        this.screen = screen;
        this.scenarios = scenarios;
        this.activeVus = activeVus;
        this.maxVus = maxVus;
    }

    public void start() {
        long period = screen.isTty() ? TTY_PERIOD_MS : PLAIN_PERIOD_MS;
        thread = Thread.ofPlatform().daemon().name("jload-progress").start(() -> {
            try {
                while (true) {
                    Thread.sleep(period);
                    screen.showLive(render());
                }
            } catch (InterruptedException e) {
                // stopped
            }
        });
    }

    /** Stops updating and prints the final state once. */
    public void stop() {
        if (thread == null) return;
        thread.interrupt();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        screen.showLive(render());
        screen.keepLive();
    }

    List<String> render() {
        List<ScenarioRun> runs = scenarios.get();
        long complete = 0, interrupted = 0;
        for (ScenarioRun r : runs) {
            complete += r.completedIterations();
            interrupted += r.interruptedIterations();
        }
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "running (%s), %d/%d VUs, %d complete and %d interrupted iterations",
                clock((System.nanoTime() - startNanos) / 1e9), activeVus.getAsInt(), maxVus.getAsInt(), complete, interrupted));
        int nameWidth = runs.stream().mapToInt(r -> r.config().name().length()).max().orElse(7);
        for (ScenarioRun r : runs) lines.add(bar(r, nameWidth));
        return lines;
    }

    private static String bar(ScenarioRun r, int nameWidth) {
        double total = r.config().maxDuration().toNanos() / 1e9;
        double elapsed = r.started() ? (System.nanoTime() - r.startNanos()) / 1e9 : 0;
        double fraction = total <= 0 ? 1 : Math.min(1, elapsed / total);
        int filled = (int) Math.round(fraction * BAR_WIDTH);
        String bar = "=".repeat(Math.max(0, filled - 1)) + (filled > 0 ? ">" : "") + "-".repeat(BAR_WIDTH - filled);
        return String.format(Locale.ROOT, "%-" + nameWidth + "s [%s] %s/%s", r.config().name(), bar,
                clock(Math.min(elapsed, total)), K6Duration.format(r.config().maxDuration()));
    }

    /** k6's elapsed clock: 0m05.0s. */
    static String clock(double seconds) {
        long m = (long) (seconds / 60);
        return String.format(Locale.ROOT, "%dm%04.1fs", m, seconds - m * 60);
    }
}
