package jload.engine.output.summary;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * k6's {@code sortMetricsByName}: parents ordered by name, each sub-metric right after its parent.
 *
 * <p>k6 compares with JavaScript {@code localeCompare}, i.e. a root-locale collation, not code-point
 * order: punctuation such as {@code _} sorts before digits, digits before letters, and letters compare
 * case-insensitively first (lowercase wins ties). {@link #COLLATION} approximates that for the characters
 * metric names can contain.
 */
final class MetricOrder {
    private MetricOrder() {}

    static final Comparator<String> COLLATION = MetricOrder::collate;

    static final Comparator<String> BY_NAME = (a, b) -> {
        String pa = parent(a);
        String pb = parent(b);
        int c = COLLATION.compare(pa, pb);
        return c != 0 ? c : COLLATION.compare(a.substring(pa.length()), b.substring(pb.length()));
    };

    static List<String> sorted(Collection<String> names) {
        List<String> out = new ArrayList<>(names);
        out.sort(BY_NAME);
        return out;
    }

    private static String parent(String name) {
        int brace = name.indexOf('{');
        return brace < 0 ? name : name.substring(0, brace);
    }

    private static int collate(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            int c = Long.compare(primary(a.charAt(i)), primary(b.charAt(i)));
            if (c != 0) return c;
        }
        if (a.length() != b.length()) return Integer.compare(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            // Tertiary difference: lowercase before uppercase.
            char ca = a.charAt(i);
            char cb = b.charAt(i);
            if (ca != cb) {
                boolean ua = Character.isUpperCase(ca);
                boolean ub = Character.isUpperCase(cb);
                if (ua != ub) return ua ? 1 : -1;
                return Character.compare(ca, cb);
            }
        }
        return 0;
    }

    private static long primary(char ch) {
        if (Character.isLetter(ch)) return (3L << 32) | Character.toLowerCase(ch);
        if (Character.isDigit(ch)) return (2L << 32) | Character.digit(ch, 10);
        return (1L << 32) | ch; // whitespace, punctuation, symbols
    }
}
