package jload.engine.exec;

import jload.engine.thresholds.ThresholdEvaluation;

/**
 * How a run ended: early stop (null when it ran to completion), the threshold verdicts at the end
 * (null when thresholds were off), how long it took, the setup() data (for handleSummary), and a
 * teardown() that failed or timed out (null when it did not), why the script called
 * exec.test.fail() (null when it did not), and jload's own GC pauses during the test.
 */
public record RunResult(StopReason stopReason, String stopDetail, ThresholdEvaluation thresholds,
                        double elapsedSeconds, String setupData, RuntimeException teardownFailure,
                        String markedFailed, GcPauses.Tally gcPauses) {

    /** k6's exit code for this outcome. */
    public int exitCode() {
        if (stopReason != null) return stopReason.exitCode;
        if (teardownFailure instanceof LifecycleTimeout t) return t.exitCode();
        if (teardownFailure != null) return 107;
        if (thresholds != null && thresholds.anyFailed()) return 99;
        return markedFailed != null ? 110 : 0;
    }
}
