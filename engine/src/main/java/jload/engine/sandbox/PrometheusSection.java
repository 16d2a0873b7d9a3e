package jload.engine.sandbox;

/** Samples a part of the sandbox adds to {@code /metrics}, written in Prometheus text format 0.0.4. */
interface PrometheusSection {
    void writeTo(StringBuilder out);
}
