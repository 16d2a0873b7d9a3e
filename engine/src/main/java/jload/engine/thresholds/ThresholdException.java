package jload.engine.thresholds;

/**
 * A threshold definition in {@code options.thresholds} that k6 would refuse.
 *
 * <p>Messages are written for the script author: they quote the offending threshold key and
 * expression and say what was expected. The engine turns this into k6's "invalid config" exit
 * code (104), as k6 does for threshold parse and validation errors.
 */
public class ThresholdException extends RuntimeException {

    public ThresholdException(String message) {
        super(message);
    }

    public ThresholdException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * k6 refuses thresholds on metrics that no script or built-in ever registers; the engine, which
     * owns the registry, uses this so the wording matches the other threshold errors.
     */
    public static ThresholdException noSuchMetric(MetricSelector selector) {
        return new ThresholdException("invalid threshold defined on \"" + selector.key()
                + "\": no metric named \"" + selector.metricName()
                + "\" exists; expected a built-in metric or a custom metric created in the init context");
    }
}
