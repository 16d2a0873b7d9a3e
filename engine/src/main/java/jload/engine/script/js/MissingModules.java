package jload.engine.script.js;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import jload.engine.script.ReadableFiles;

/**
 * Before any VU starts: every import of a {@code k6/…} or {@code jload/…} module that jload does not
 * have, in the script and in the local files it imports. A ported k6 script often uses several
 * such modules; the user learns of all of them at once, each at its file:line:column, in k6's terms.
 */
final class MissingModules {
    /** One import jload cannot serve. */
    record Missing(String specifier, String where) {}

    private MissingModules() {}

    static List<Missing> find(Path script, List<Path> readableRoots) {
        List<Path> roots = readableRoots.stream().map(p -> p.toAbsolutePath().normalize()).toList();
        List<Missing> missing = new ArrayList<>();
        Set<Path> seen = new HashSet<>();
        Deque<Path> files = new ArrayDeque<>();
        Path main = script.toAbsolutePath().normalize();
        files.add(main);
        seen.add(main);
        while (!files.isEmpty()) {
            Path file = files.poll();
            String source;
            try {
                source = Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException | RuntimeException e) {
                continue; // GraalJS reports an unreadable module itself, with its own reason
            }
            for (ImportScanner.Import imp : ImportScanner.scan(source)) {
                String spec = imp.specifier();
                if (BuiltinModules.resourceFor(spec) != null) continue;
                if (BuiltinModules.isReservedName(spec)) {
                    missing.add(new Missing(spec, ReadableFiles.display(file) + ":" + imp.line() + ":" + imp.column()));
                } else if (spec.startsWith("./") || spec.startsWith("../") || spec.startsWith("/")) {
                    Path target = file.getParent().resolve(spec).normalize();
                    if (Files.isRegularFile(target) && roots.stream().anyMatch(target::startsWith) && seen.add(target)) {
                        files.add(target);
                    }
                }
            }
        }
        return missing;
    }

    /** The one message for a run that cannot start because of {@code missing} (not empty). */
    static String describe(List<Missing> missing) {
        StringBuilder sb = new StringBuilder(missing.size() == 1
                ? "the script imports a module jload does not have:"
                : "the script imports " + missing.size() + " modules jload does not have:");
        int width = missing.stream().mapToInt(m -> m.where().length()).max().orElse(0);
        for (Missing m : missing) {
            sb.append("\n  ").append(m.where()).append(" ".repeat(width - m.where().length()))
                    .append("  '").append(m.specifier()).append("': ").append(BuiltinModules.whyMissing(m.specifier()));
        }
        sb.append("\nThe modules jload has, and how they differ from k6's, are listed in docs/k6-compatibility.md.");
        return sb.toString();
    }
}
