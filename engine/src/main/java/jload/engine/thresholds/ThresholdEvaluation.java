package jload.engine.thresholds;

import java.util.List;
import java.util.TreeSet;

/**
 * The results of evaluating every threshold once.
 *
 * @param results     one per threshold, in declaration order
 * @param shouldAbort a failed threshold has abortOnFail and its delayAbortEval has passed; the
 *                    engine stops the test (k6 then exits with code 99, thresholds failed)
 */
public record ThresholdEvaluation(List<ThresholdResult> results, boolean shouldAbort) {

    public ThresholdEvaluation {
        results = List.copyOf(results);
    }

    public boolean anyFailed() {
        return results.stream().anyMatch(ThresholdResult::failed);
    }

    /** Sorted, distinct keys with at least one failed threshold; k6 names these when it aborts. */
    public List<String> breachedKeys() {
        TreeSet<String> keys = new TreeSet<>();
        for (ThresholdResult r : results) {
            if (r.failed()) keys.add(r.selectorKey());
        }
        return List.copyOf(keys);
    }
}
