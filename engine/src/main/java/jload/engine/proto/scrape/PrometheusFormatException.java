package jload.engine.proto.scrape;

/** Text that is not Prometheus' exposition format; the message names the line and column and what was expected there. */
public final class PrometheusFormatException extends RuntimeException {
    public PrometheusFormatException(int line, int column, String what) {
        super(line + ":" + column + ": " + what);
    }
}
