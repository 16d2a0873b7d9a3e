package jload.engine.script.js;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** The module specifiers a JS script imports, it and its local files (see {@link LocalImports}), for code outside this package. */
public final class JsImports {
    private JsImports() {}

    /** Whether the script, or a local file it imports, imports any of {@code specifiers}. */
    public static boolean importsAny(Path script, List<Path> readableRoots, Set<String> specifiers) {
        return LocalImports.of(script, readableRoots).stream().anyMatch(i -> specifiers.contains(i.specifier()));
    }
}
