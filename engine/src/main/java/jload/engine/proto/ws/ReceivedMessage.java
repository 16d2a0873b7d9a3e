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

    @Override
    public double receivedAtEpochMillis() {
        return jload.engine.proto.EpochTime.millisOf(atNanos);
    }
}
