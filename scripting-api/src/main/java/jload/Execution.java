package jload;

/** Where in the test a VU is (k6's {@code k6/execution}). */
public interface Execution {
    String scenarioName();

    String executor();

    /** Iteration number of this VU in this scenario, from 0. */
    long iterationInScenario();

    /** Iteration number across all VUs of this scenario, from 0. */
    long iterationInTest();

    /** Time since the scenario started, in milliseconds. */
    long scenarioElapsedMillis();

    /** Share of the scenario's planned duration that has passed, from 0 to 1. */
    double scenarioProgress();

    int vusActive();

    int vusInitialized();

    /** Iterations completed so far by every scenario of this process. */
    long iterationsCompleted();

    /** Iterations interrupted so far by every scenario of this process. */
    long iterationsInterrupted();

    /** Milliseconds since the test started (after VU initialisation). */
    long testRunDurationMillis();

    /** The tags this VU's samples carry now (k6's {@code exec.vu.tags}). */
    java.util.Map<String, String> currentTags();

    /** Adds a tag to every later sample of this VU (k6's {@code exec.vu.tags[key] = value}). */
    void setTag(String key, String value);

    /** Stops the whole test now, with exit code 108 (k6's {@code exec.test.abort}). */
    void abort(String reason);

    /**
     * Counts an error that did not end the iteration (an exception in an event handler): shown
     * once per place, counted like iteration errors.
     */
    void recordError(String where, String message);

    /** Marks the test as failed and lets it go on; it ends with exit code 110 (k6's {@code exec.test.fail}). */
    void fail(String reason);
}
