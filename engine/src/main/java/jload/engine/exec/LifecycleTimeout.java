package jload.engine.exec;

import java.time.Duration;
import jload.engine.plan.K6Duration;

/** setup() or teardown() ran longer than setupTimeout/teardownTimeout; k6 exits 100 or 101. */
public final class LifecycleTimeout extends RuntimeException {
    private final String function;

    LifecycleTimeout(String function, Duration timeout) {
        super(function + "() execution timed out after " + K6Duration.format(timeout)
                + " (raise " + function + "Timeout in the options if it needs longer)", null, false, false);
        this.function = function;
    }

    public int exitCode() {
        return function.equals("setup") ? 100 : 101;
    }
}
