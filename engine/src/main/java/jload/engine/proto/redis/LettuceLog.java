package jload.engine.proto.redis;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Lettuce (and the Netty under it) log to java.util.logging here (Netty ignores slf4j-nop): their reconnect warnings
 * would land in a run's output, or in the sandbox's. jload counts and reports what matters itself.
 */
public final class LettuceLog {
    /** Held: a logger's level lasts only as long as the logger. */
    private static final Logger LETTUCE = Logger.getLogger("io.lettuce");

    private LettuceLog() {}

    public static void silence() {
        LETTUCE.setLevel(Level.OFF);
    }
}
