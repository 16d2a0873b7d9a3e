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
 * Every module specifier the script imports, and those of the local files it imports (followed
 * within the folders the script may read), each with the file:line:column of the import.
 */
final class LocalImports {
    /** One import: its specifier, and where it is ({@code file:line:column}). */
    record Import(String specifier, String where) {}

    private LocalImports() {}

    static List<Import> of(Path script, List<Path> readableRoots) {
        List<Path> roots = readableRoots.stream().map(p -> p.toAbsolutePath().normalize()).toList();
        List<Import> found = new ArrayList<>();
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
                found.add(new Import(spec, ReadableFiles.display(file) + ":" + imp.line() + ":" + imp.column()));
                if (spec.startsWith("./") || spec.startsWith("../") || spec.startsWith("/")) {
                    Path target = file.getParent().resolve(spec).normalize();
                    if (Files.isRegularFile(target) && roots.stream().anyMatch(target::startsWith) && seen.add(target)) {
                        files.add(target);
                    }
                }
            }
        }
        return found;
    }
}
