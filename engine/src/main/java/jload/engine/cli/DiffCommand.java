package jload.engine.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import jload.engine.proto.scrape.MetricsDiff;
import jload.engine.proto.scrape.MetricsSnapshot;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code jload diff BEFORE AFTER}: what changed between two snapshots of a target's metrics (seed 001's compare-metrics). */
@Command(name = "diff", description = "Show what changed between two snapshots of a target's metrics (Prometheus text or JSON).")
public final class DiffCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "BEFORE", description = "The earlier snapshot: Prometheus text (a /metrics page) or JSON.")
    Path before;

    @Parameters(index = "1", paramLabel = "AFTER", description = "The later snapshot.")
    Path after;

    @Option(names = "--all", description = "Also list the series that did not change.")
    boolean all;

    @Option(names = "--out", paramLabel = "FILE", description = "Also write the comparison as JSON to FILE.")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr(), stdout = spec.commandLine().getOut();
        MetricsDiff diff;
        try {
            diff = MetricsDiff.between(MetricsSnapshot.read(before), MetricsSnapshot.read(after));
        } catch (IllegalArgumentException e) {
            err.println("jload diff: " + e.getMessage());
            err.flush();
            return ExitCode.INVALID_CONFIG;
        }
        print(diff, stdout);
        if (out != null) {
            try {
                Files.writeString(out, json(diff).toPrettyString() + "\n");
            } catch (IOException e) {
                err.println("jload diff: --out " + out + ": cannot be written (" + e.getMessage() + ")");
                err.flush();
                return ExitCode.INVALID_CONFIG;
            }
        }
        return ExitCode.OK;
    }

    private void print(MetricsDiff d, PrintWriter o) {
        o.printf("%s → %s: %d changed, %d added, %d removed, %d unchanged%s%n", before, after, d.changed().size(), d.added().size(),
                d.removed().size(), d.unchanged().size(), all || d.unchanged().isEmpty() ? "" : " (--all lists them)");
        section(o, "changed", d.changed(), true);
        section(o, "added", d.added(), false);
        section(o, "removed", d.removed(), false);
        if (all) section(o, "unchanged", d.unchanged(), false);
        o.flush();
    }

    private static void section(PrintWriter o, String title, List<MetricsDiff.Change> changes, boolean withDelta) {
        if (changes.isEmpty()) return;
        o.println();
        o.println(title + ":");
        int width = changes.stream().mapToInt(c -> c.series().length()).max().orElse(0);
        for (MetricsDiff.Change c : changes) {
            String values = Double.isNaN(c.before()) && !withDelta ? number(c.after())
                    : Double.isNaN(c.after()) && !withDelta ? number(c.before())
                    : withDelta ? number(c.before()) + " → " + number(c.after()) + "  (" + (c.delta() >= 0 ? "+" : "") + number(c.delta()) + ")"
                    : number(c.after());
            o.printf("  %-" + width + "s  %s%n", c.series(), values);
        }
    }

    /** Whole numbers without a decimal point, others as Java writes a double; NaN and ±Inf as Prometheus does. */
    static String number(double v) {
        if (Double.isNaN(v)) return "NaN";
        if (Double.isInfinite(v)) return v > 0 ? "+Inf" : "-Inf";
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return String.valueOf((long) v);
        return String.valueOf(v);
    }

    private ObjectNode json(MetricsDiff d) {
        ObjectMapper m = new ObjectMapper();
        ObjectNode root = m.createObjectNode().put("before", before.toString()).put("after", after.toString());
        ArrayNode changed = root.putArray("changed");
        for (var c : d.changed()) changed.addObject().put("series", c.series()).put("before", c.before()).put("after", c.after()).put("delta", c.delta());
        ArrayNode added = root.putArray("added");
        for (var c : d.added()) added.addObject().put("series", c.series()).put("value", c.after());
        ArrayNode removed = root.putArray("removed");
        for (var c : d.removed()) removed.addObject().put("series", c.series()).put("value", c.before());
        if (all) {
            ArrayNode same = root.putArray("unchanged");
            for (var c : d.unchanged()) same.addObject().put("series", c.series()).put("value", c.after());
        }
        return root;
    }
}
