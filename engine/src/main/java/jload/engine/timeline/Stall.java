package jload.engine.timeline;

/**
 * A time jload itself stopped or fell behind, so that anything it timed across it is longer by up to {@code
 * durationMillis} — jload's stall, not the target's latency. Kinds: {@code gc} (a stop-the-world garbage-collection
 * pause; {@code detail} names the collector and cause), {@code hiccup} (a thread that asked to wake up was run
 * late: a saturated core, a pause of the whole JVM, the machine's scheduler; {@code detail} says how late), {@code
 * loop} (an event loop carrying VUs ran its work late: its VUs could not run nor its sockets be read).
 *
 * @param startMillis when it began, epoch milliseconds
 */
public record Stall(String kind, long startMillis, long durationMillis, String detail) { }
