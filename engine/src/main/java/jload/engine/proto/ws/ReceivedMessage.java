package jload.engine.proto.ws;

import java.nio.charset.StandardCharsets;
import jload.Message;

/** A message as it arrived, with the event loop's timestamp. */
record ReceivedMessage(String textOrNull, byte[] bytesOrNull, long atNanos, long zeroNanos) implements Message {
    @Override
    public boolean isBinary() {
        return bytesOrNull != null;
    }

    @Override
    public String text() {
        return textOrNull != null ? textOrNull : new String(bytesOrNull, StandardCharsets.UTF_8);
    }

    @Override
    public byte[] bytes() {
        return bytesOrNull != null ? bytesOrNull.clone() : textOrNull.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public Object json() {
        return jload.engine.script.ScriptJson.parse(text());
    }

    @Override
    public double receivedAtMillis() {
        return (atNanos - zeroNanos) / 1e6;
    }

    /**
     * Both clocks read now: the monotonic clock says how long ago the frame was read. The wall clock as an
     * Instant (microseconds on Linux), not currentTimeMillis: a whole-millisecond clock would put up to 1 ms of
     * error into a latency computed against another process's timestamp.
     */
    @Override
    public double receivedAtEpochMillis() {
        java.time.Instant now = java.time.Instant.now();
        long agoNanos = System.nanoTime() - atNanos;
        return now.getEpochSecond() * 1000.0 + (now.getNano() - agoNanos) / 1e6;
    }
}
