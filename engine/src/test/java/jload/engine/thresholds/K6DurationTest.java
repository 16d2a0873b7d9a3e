package jload.engine.thresholds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class K6DurationTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "10s        | PT10S",
            "500ms      | PT0.5S",
            "1m30s      | PT1M30S",
            "1h         | PT1H",
            "1.5h       | PT1H30M",
            "2h45m10s   | PT2H45M10S",
            "100us      | PT0.0001S",
            "100µs      | PT0.0001S",
            "250ns      | PT0.00000025S",
            "0          | PT0S",
            "0s         | PT0S",
            ".5s        | PT0.5S",
            "1.s        | PT1S",
            "-5s        | PT-5S",
            "+5s        | PT5S",
            "1500       | PT1.5S",
            "2.5        | PT0.0025S",
            "-100       | PT-0.1S",
            "1e3        | PT1S",
            "2d         | PT48H",
            "1d12h      | PT36H",
            "1d0.5h     | PT24H30M",
            "-1d6h      | PT-30H",
    })
    void parsesK6Durations(String text, String expected) {
        assertEquals(Duration.parse(expected), K6Duration.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " 10s", "10s ", "10 s", "s", "10x", "1.5d", "d", "1d-5h", "1dd", "ten seconds",
            "10S", "1h-30m", "-", ".s", "inf", "NaN", "3000000h"})
    void refusesWhatK6Refuses(String text) {
        ThresholdException e = assertThrows(ThresholdException.class, () -> K6Duration.parse(text));
        assertEquals("invalid duration \"" + text + "\": expected a number of milliseconds or a duration such as"
                + " \"500ms\", \"10s\", \"1m30s\", \"2h\" or \"1d12h\" (no spaces)", e.getMessage());
    }
}
