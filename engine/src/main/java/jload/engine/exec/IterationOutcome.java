package jload.engine.exec;

/** How one iteration ended. Only interrupted iterations are left out of iterations/iteration_duration (as in k6). */
public enum IterationOutcome {
    COMPLETED, FAILED, INTERRUPTED
}
