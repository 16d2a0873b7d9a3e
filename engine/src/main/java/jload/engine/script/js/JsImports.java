package jload.engine.script.js;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** The module specifiers a JS script imports, it and its local files (see {@link LocalImports}), for code outside this package. */
public final class JsImports {
    private JsImports() {}

    /** Every module specifier the script and the local files it imports import. */
    public static Set<String> specifiers(Path script, List<Path> readableRoots) {
        return LocalImports.of(script, readableRoots).stream().map(LocalImports.Import::specifier)
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
    }
}
