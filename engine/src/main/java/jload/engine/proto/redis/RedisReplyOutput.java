package jload.engine.proto.redis;

import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.NestedMultiOutput;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Any command's reply (RESP2), for {@code command(name, …args)}: a String (bulk or status), a Long, null, or a List
 * of them. Lettuce's nested output always answers a list; whether the reply itself was an array is told by the first
 * thing the parser reports, which this class watches.
 */
final class RedisReplyOutput extends NestedMultiOutput<String, String> {
    private boolean started;
    private boolean array;
    private boolean nullArray;

    RedisReplyOutput() {
        super(StringCodec.UTF8);
    }

    private void first(boolean isArray) {
        if (!started) {
            started = true;
            array = isArray;
        }
    }

    @Override
    public void multi(int count) {
        if (!started && count < 0) nullArray = true; // RESP2's null array (*-1): BLPOP that ran out, an aborted EXEC
        first(true);
        super.multi(count);
    }

    @Override
    public void set(long integer) {
        first(false);
        super.set(integer);
    }

    @Override
    public void set(double number) {
        first(false);
        super.set(number);
    }

    @Override
    public void set(ByteBuffer bytes) {
        first(false);
        super.set(bytes);
    }

    @Override
    public void setSingle(ByteBuffer bytes) {
        first(false);
        super.setSingle(bytes);
    }

    /** The reply as Redis gave it: the array, or its one value. */
    Object reply() {
        List<Object> all = get();
        if (nullArray) return null;
        if (array) return all;
        return all == null || all.isEmpty() ? null : all.getFirst();
    }
}
