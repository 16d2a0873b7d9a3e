package jload.engine.script.groovy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Deep read-only copies, for data every VU shares: a VU that changes it would change it for all. */
final class ReadOnlyData {
    private ReadOnlyData() {}

    /** @param what names the data in the error when it is not a list */
    static List<Object> list(Object value, String what) {
        if (value instanceof Object[] array) value = java.util.Arrays.asList(array);
        if (!(value instanceof Iterable<?> items)) {
            throw new IllegalArgumentException(what + ": the closure must return a list, not " + (value == null ? "null" : value.getClass().getSimpleName()));
        }
        List<Object> out = new ArrayList<>();
        for (Object item : items) out.add(copy(item));
        return Collections.unmodifiableList(out);
    }

    private static Object copy(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(copy(k), copy(v)));
            return Collections.unmodifiableMap(out);
        }
        if (value instanceof Iterable<?> || value instanceof Object[]) return list(value, "");
        if (value instanceof CharSequence s && !(value instanceof String)) return s.toString();
        return value;
    }
}
