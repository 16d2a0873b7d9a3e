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

    int vusActive();

    int vusInitialized();

    /** Stops the whole test now, with exit code 108 (k6's {@code exec.test.abort}). */
    void abort(String reason);
}
