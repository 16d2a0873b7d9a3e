package jload.engine.thresholds;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of a metric's threshold list: the condition plus k6's early-abort settings.
 *
 * @param expression     the condition
 * @param abortOnFail    stop the whole test as soon as this threshold fails during the run
 * @param delayAbortEval grace period (from test start) during which a failure does not abort yet;
 *                       empty when not given, which means "abort at the first failure"
 */
public record Threshold(ThresholdExpression expression, boolean abortOnFail, Optional<Duration> delayAbortEval) {

    public Threshold {
        Objects.requireNonNull(expression, "expression");
        Objects.requireNonNull(delayAbortEval, "delayAbortEval");
    }

    /** The short form: a bare expression string, never aborts the test. */
    public static Threshold of(String expression) {
        return new Threshold(ThresholdExpression.parse(expression), false, Optional.empty());
    }

    /**
     * Whether a failure of this threshold, seen {@code elapsed} into the test, stops the test.
     * k6 aborts when no delay was given or when the delay is strictly shorter than the elapsed time.
     */
    public boolean abortsRunAt(Duration elapsed) {
        if (!abortOnFail) return false;
        return delayAbortEval.map(delay -> delay.compareTo(elapsed) < 0).orElse(true);
    }
}
