package jload.engine.script;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The files a script may open: relative to its own folder, inside the folders it may read. */
public final class ReadableFiles {
    private final Path scriptFolder;
    private final List<Path> roots;

    public ReadableFiles(Path script, List<Path> readableRoots) {
        this.scriptFolder = script.toAbsolutePath().normalize().getParent();
        this.roots = readableRoots.stream().map(p -> p.toAbsolutePath().normalize()).toList();
    }

    /** @throws SecurityException when {@code path} leads outside the readable folders */
    public Path resolve(String path) {
        Path p = scriptFolder.resolve(path).normalize();
        for (Path root : roots) if (p.startsWith(root)) return p;
        throw new SecurityException("open('" + path + "'): the file is outside the folders this script may read");
    }

    public String readString(String path) throws IOException {
        return Files.readString(resolve(path));
    }

    public byte[] readBytes(String path) throws IOException {
        return Files.readAllBytes(resolve(path));
    }

    /** A script file as users see it in messages: relative to the working directory when inside it. */
    public static String display(Path file) {
        Path p = file.toAbsolutePath().normalize();
        Path cwd = Path.of("").toAbsolutePath();
        return p.startsWith(cwd) ? cwd.relativize(p).toString() : p.toString();
    }
}
