package jload.engine.sandbox;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;

/**
 * The {@code ts} every server message carries: wall-clock epoch milliseconds with a microsecond fraction, so a
 * client can measure one-way latency finer than a millisecond. A BigDecimal keeps Jackson from writing a double
 * this large in exponent notation ({@code 1.7E12}), which some script runtimes would then round.
 */
final class MessageTimestamp {
    private static final Clock CLOCK = Clock.systemUTC();

    private MessageTimestamp() {}

    static BigDecimal now() {
        return of(CLOCK.instant());
    }

    static BigDecimal of(Instant instant) {
        long micros = Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
        return BigDecimal.valueOf(micros, 3);
    }
}
