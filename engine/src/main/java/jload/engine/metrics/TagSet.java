package jload.engine.metrics;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * An immutable set of tag pairs, sorted by key, so that equal sets are equal objects and can key a
 * metric's series. Built once per distinct combination; the hot path reuses it.
 */
public final class TagSet {
    public static final TagSet EMPTY = new TagSet(new String[0]);

    /** Alternating key, value; keys sorted and unique. */
    private final String[] pairs;
    private final int hash;

    private TagSet(String[] pairs) {
        this.pairs = pairs;
        this.hash = Arrays.hashCode(pairs);
    }

    public static TagSet of(Map<String, String> tags) {
        if (tags.isEmpty()) return EMPTY;
        TreeMap<String, String> sorted = new TreeMap<>(tags);
        String[] pairs = new String[sorted.size() * 2];
        int i = 0;
        for (Map.Entry<String, String> e : sorted.entrySet()) {
            pairs[i++] = e.getKey();
            pairs[i++] = e.getValue();
        }
        return new TagSet(pairs);
    }

    public static TagSet of(String... keyValues) {
        if (keyValues.length % 2 != 0) throw new IllegalArgumentException("tags come in key, value pairs");
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) map.put(keyValues[i], keyValues[i + 1]);
        return of(map);
    }

    /** This set with {@code key} set to {@code value} (replacing any earlier value). */
    public TagSet with(String key, String value) {
        Map<String, String> map = asMap();
        map.put(key, value);
        return of(map);
    }

    /** This set with every pair of {@code other} laid over it. */
    public TagSet with(TagSet other) {
        if (other.pairs.length == 0) return this;
        if (pairs.length == 0) return other;
        Map<String, String> map = asMap();
        map.putAll(other.asMap());
        return of(map);
    }

    public String get(String key) {
        for (int i = 0; i < pairs.length; i += 2) if (pairs[i].equals(key)) return pairs[i + 1];
        return null;
    }

    /** True when every pair of {@code subset} is also in this set (how sub-metrics select series). */
    public boolean containsAll(Map<String, String> subset) {
        for (Map.Entry<String, String> e : subset.entrySet()) {
            if (!e.getValue().equals(get(e.getKey()))) return false;
        }
        return true;
    }

    public boolean isEmpty() {
        return pairs.length == 0;
    }

    /** A fresh, mutable, key-ordered copy. */
    public Map<String, String> asMap() {
        Map<String, String> map = new TreeMap<>();
        for (int i = 0; i < pairs.length; i += 2) map.put(pairs[i], pairs[i + 1]);
        return map;
    }

    public Map<String, String> asUnmodifiableMap() {
        return Collections.unmodifiableMap(asMap());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TagSet t && hash == t.hash && Arrays.equals(pairs, t.pairs);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return asMap().toString();
    }
}
