package jload.engine.script.js;

import java.util.List;

/**
 * Before any VU starts: every import of a {@code k6/…} or {@code jload/…} module that jload does not
 * have, in the script and in the local files it imports. A ported k6 script often uses several
 * such modules; the user learns of all of them at once, each at its file:line:column, in k6's terms.
 */
final class MissingModules {
    private MissingModules() {}

    /** The imports among {@code imports} that name a k6 or jload module jload cannot serve. */
    static List<LocalImports.Import> find(List<LocalImports.Import> imports) {
        return imports.stream()
                .filter(i -> BuiltinModules.resourceFor(i.specifier()) == null && BuiltinModules.isReservedName(i.specifier()))
                .toList();
    }

    /** The one message for a run that cannot start because of {@code missing} (not empty). */
    static String describe(List<LocalImports.Import> missing) {
        StringBuilder sb = new StringBuilder(missing.size() == 1
                ? "the script imports a module jload does not have:"
                : "the script imports " + missing.size() + " modules jload does not have:");
        int width = missing.stream().mapToInt(m -> m.where().length()).max().orElse(0);
        for (LocalImports.Import m : missing) {
            sb.append("\n  ").append(m.where()).append(" ".repeat(width - m.where().length()))
                    .append("  '").append(m.specifier()).append("': ").append(BuiltinModules.whyMissing(m.specifier()));
        }
        sb.append("\nThe modules jload has, and how they differ from k6's, are listed in docs/k6-compatibility.md.");
        return sb.toString();
    }
}
