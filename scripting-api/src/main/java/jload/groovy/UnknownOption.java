package jload.groovy;

import groovy.lang.MissingMethodException;

/**
 * A call in {@code options { }} or {@code scenario(…) { }} that names no option. It is a
 * MissingMethodException so that Groovy still tries the script's own methods first.
 */
public final class UnknownOption extends MissingMethodException {
    private final String where;

    UnknownOption(String where, String name, Class<?> spec, Object[] args) {
        super(name, spec, args);
        this.where = where;
    }

    @Override
    public String getMessage() {
        return where + ": unknown option '" + getMethod() + "'; use option('" + getMethod()
                + "', value) for a k6 option this DSL does not name (see docs/groovy.md)";
    }
}
