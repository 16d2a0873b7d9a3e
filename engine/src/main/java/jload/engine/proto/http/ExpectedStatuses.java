package jload.engine.proto.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** k6's http.expectedStatuses(...): statuses and {min, max} ranges that count as expected (http_req_failed 0). */
record ExpectedStatuses(List<int[]> ranges) {
    static final ExpectedStatuses DEFAULT = new ExpectedStatuses(List.<int[]>of(new int[] {200, 399}));

    /** From a list of numbers and {min, max} maps. @throws IllegalArgumentException naming what was wrong */
    static ExpectedStatuses of(List<?> statuses) {
        List<int[]> ranges = new ArrayList<>();
        for (Object s : statuses) {
            if (s instanceof Number n) ranges.add(new int[] {n.intValue(), n.intValue()});
            else if (s instanceof Map<?, ?> m && m.get("min") instanceof Number min && m.get("max") instanceof Number max) {
                ranges.add(new int[] {min.intValue(), max.intValue()});
            } else {
                throw new IllegalArgumentException("expectedStatuses: each argument must be a status (a number) or {min, max}, got " + s);
            }
        }
        return new ExpectedStatuses(List.copyOf(ranges));
    }

    boolean accepts(int status) {
        for (int[] r : ranges) {
            if (status >= r[0] && status <= r[1]) return true;
        }
        return false;
    }
}
