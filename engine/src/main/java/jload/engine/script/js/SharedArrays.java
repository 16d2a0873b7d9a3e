package jload.engine.script.js;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * k6's SharedArray store for one run: each array is built once, by the first VU that asks for it,
 * and kept as one JSON string per element; every VU reads elements by parsing them on access
 * (what k6 does), so a large data file costs its memory once, not once per VU.
 */
final class SharedArrays {
    private final Map<String, List<String>> arrays = new ConcurrentHashMap<>();

    List<String> get(String name, Supplier<List<String>> build) {
        return arrays.computeIfAbsent(name, n -> List.copyOf(build.get()));
    }
}
