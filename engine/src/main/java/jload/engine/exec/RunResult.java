package jload.engine.exec;

import jload.engine.thresholds.ThresholdEvaluation;

/**
 * How a run ended: early stop (null when it ran to completion), the threshold verdicts at the end
 * (null when thresholds were off), how long it took, and the setup() data (for handleSummary).
 */
public record RunResult(StopReason stopReason, String stopDetail, ThresholdEvaluation thresholds,
                        double elapsedSeconds, String setupData) {

    /** k6's exit code for this outcome. */
    public int exitCode() {
        if (stopReason != null) return stopReason.exitCode;
        return thresholds != null && thresholds.anyFailed() ? 99 : 0;
    }
}
