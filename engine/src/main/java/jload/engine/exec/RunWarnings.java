package jload.engine.exec;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Warnings about how a script uses jload, printed once per kind in a run however many VUs hit
 * them (the first one to do so is the one named).
 */
public final class RunWarnings {
    private final Consumer<String> out;
    private final Set<String> said = ConcurrentHashMap.newKeySet();

    public RunWarnings(Consumer<String> out) {
        this.out = out;
    }

    public void once(String kind, String message) {
        if (said.add(kind)) out.accept(message);
    }
}
