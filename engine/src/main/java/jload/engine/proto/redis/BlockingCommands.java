package jload.engine.proto.redis;

import java.util.Locale;
import java.util.OptionalLong;

/**
 * The Redis commands that hold their connection until something arrives or their time is up, and how long they may:
 * such a command must not run on the connection the run's VUs share.
 */
final class BlockingCommands {
    private BlockingCommands() {}

    /**
     * How long {@code command} (upper case) with {@code args} may block, in ms (0: for ever); empty when it does not
     * block. An unreadable timeout argument counts as "for ever": Redis will refuse the command anyway.
     */
    static OptionalLong blockMillis(String command, String[] args) {
        return switch (command) {
            // The timeout, in seconds (fractions allowed), is the last argument.
            case "BLPOP", "BRPOP", "BRPOPLPUSH", "BLMOVE", "BZPOPMIN", "BZPOPMAX" -> OptionalLong.of(seconds(last(args)));
            // ... or the first.
            case "BLMPOP", "BZMPOP" -> OptionalLong.of(seconds(args.length > 0 ? args[0] : null));
            // Milliseconds, last.
            case "WAIT", "WAITAOF" -> OptionalLong.of(millis(last(args)));
            // Only with BLOCK ms.
            case "XREAD", "XREADGROUP" -> {
                for (int i = 0; i + 1 < args.length; i++) {
                    if (args[i].toUpperCase(Locale.ROOT).equals("BLOCK")) yield OptionalLong.of(millis(args[i + 1]));
                }
                yield OptionalLong.empty();
            }
            default -> OptionalLong.empty();
        };
    }

    private static String last(String[] args) {
        return args.length > 0 ? args[args.length - 1] : null;
    }

    private static long seconds(String s) {
        try {
            return Math.max(0, Math.round(Double.parseDouble(s) * 1000));
        } catch (RuntimeException e) {
            return 0;
        }
    }

    private static long millis(String s) {
        try {
            return Math.max(0, Long.parseLong(s));
        } catch (RuntimeException e) {
            return 0;
        }
    }
}
