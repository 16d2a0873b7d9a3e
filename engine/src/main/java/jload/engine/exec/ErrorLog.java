package jload.engine.exec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * Exceptions thrown by iterations, counted by where they were thrown. The first one from each
 * place is shown to the user as it happens; the rest are counted, so a failing line in a 1,000-VU
 * run prints once, not a thousand times.
 */
public final class ErrorLog {
    public record Entry(String where, String message, long count) {}

    private record Counted(String message, LongAdder count) {}

    private final Map<String, Counted> byPlace = new ConcurrentHashMap<>();
    private final Consumer<String> firstSeen;

    /** @param firstSeen told once per place, with a line ready to print */
    public ErrorLog(Consumer<String> firstSeen) {
        this.firstSeen = firstSeen;
    }

    public void record(String where, String message, String scenario) {
        String key = where == null ? message : where;
        boolean[] isNew = {false};
        Counted c = byPlace.computeIfAbsent(key, k -> {
            isNew[0] = true;
            return new Counted(message, new LongAdder());
        });
        c.count().increment();
        if (isNew[0]) {
            firstSeen.accept(message + (where == null ? "" : "\n\tat " + where)
                    + "  scenario=" + scenario + " (repeats of this error are counted, not printed)");
        }
    }

    public List<Entry> entries() {
        List<Entry> list = new ArrayList<>();
        byPlace.forEach((k, c) -> list.add(new Entry(k, c.message(), c.count().sum())));
        list.sort((a, b) -> Long.compare(b.count(), a.count()));
        return list;
    }

    public long total() {
        long n = 0;
        for (Counted c : byPlace.values()) n += c.count().sum();
        return n;
    }
}
