package jload.engine.timeline;

/** Something that takes a run's intervals and stalls as they happen (an interval output, the dashboard). */
public interface TimelineListener {
    /** Called on the sampler's thread, once per interval, in order. */
    void onInterval(Interval interval);

    /** Called on the thread that saw the stall (a GC notification, the hiccup probe): must be thread-safe and quick. */
    default void onStall(Stall stall) { }
}
