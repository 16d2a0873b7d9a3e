package jload.engine.output.summary;

/** Indentation bookkeeping mirroring k6's RenderContext: each level is two spaces. */
record RenderContext(int base) {
    String indentLevel(int level) {
        return " ".repeat((base + level) * 2);
    }

    String indentLevel() {
        return indentLevel(1);
    }

    String indent(String text) {
        return indentLevel(1) + text;
    }

    String indent(String text, int level) {
        return indentLevel(level) + text;
    }

    RenderContext nested() {
        return new RenderContext(base + 1);
    }
}
