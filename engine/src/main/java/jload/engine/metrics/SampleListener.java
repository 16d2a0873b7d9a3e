package jload.engine.metrics;

/** Something that sees every sample as it is recorded (e.g. the JSON-lines output). */
@FunctionalInterface
public interface SampleListener {
    SampleListener NONE = (metric, tags, value) -> {};

    /** Called on the recording thread: implementations must be thread-safe and quick. */
    void onSample(Metric metric, TagSet tags, double value);
}
