package jload.engine.thresholds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GoFloatTextTest {

    /** Expected strings are what Go's fmt.Sprintf("%g", v) prints. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "95        | 95",
            "99.9      | 99.9",
            "99.99     | 99.99",
            "0.5       | 0.5",
            "100       | 100",
            "0.0001    | 0.0001",
            "0.00001   | 1e-05",
            "0.000015  | 1.5e-05",
            "123456    | 123456",
            "1234567   | 1.234567e+06",
            "1e21      | 1e+21",
            "-2.5      | -2.5",
            "0.1       | 0.1",
            "33.333333333333336 | 33.333333333333336",
    })
    void formatsLikeGoPercentG(double value, String expected) {
        assertEquals(expected, GoFloatText.formatG(value));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " 1", "1 ", "1f", "1d", "0x10", "1_000", "--1", "1e", "e5", ".", "+", "1e400"})
    void refusesWhatGoParseFloatRefuses(String text) {
        assertTrue(GoFloatText.parse(text).isEmpty(), text);
    }
}
