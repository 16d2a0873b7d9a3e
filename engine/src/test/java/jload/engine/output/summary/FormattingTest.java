package jload.engine.output.summary;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Number, duration and data-size formatting against k6's humanize rules (JS semantics). */
class FormattingTest {

    @ParameterizedTest(name = "{0} ms -> {1}")
    @CsvSource(delimiter = '|', value = {
            "0            | 0s",
            "0.0005       | 500ns",
            "0.0000009    | 0ns",
            "0.123        | 123µs",
            "0.1234567    | 123.45µs",
            "0.165        | 165µs",
            "1.2345       | 1.23ms",
            "1.239        | 1.23ms",       // truncated, never rounded up
            "259.4        | 259.39ms",     // 259.4*100 is 25939.999... in binary: k6 prints the same
            "999.999      | 999.99ms",
            "1000         | 1s",
            "3500         | 3.5s",
            "59999.999    | 59.99s",
            "60000        | 1m0s",
            "61500        | 1m1s",         // past a minute seconds lose their decimals
            "62000        | 1m2s",
            "3605000      | 1h0m5s",
            "90061000     | 25h1m1s",
    })
    void durations(double ms, String expected) {
        assertEquals(expected, Durations.humanize(ms, ""));
    }

    @ParameterizedTest(name = "{0} ms in {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "1.234   | ms | 1.23ms",
            "1.235   | ms | 1.24ms",
            "1500    | s  | 1.50s",
            "0.5     | us | 500.00µs",
            "1.5     | h  | 1.5ms",         // unknown unit falls back to automatic
    })
    void fixedTimeUnit(double ms, String unit, String expected) {
        assertEquals(expected, Durations.humanize(ms, unit));
    }

    @ParameterizedTest(name = "{0} B -> {1}")
    @CsvSource(delimiter = '|', value = {
            "0        | 0 B",
            "5        | 5 B",
            "9.5      | 9.5 B",
            "10       | 10 B",
            "413      | 413 B",
            "999      | 999 B",
            "2800     | 2.8 kB",
            "4500     | 4.5 kB",
            "9960     | 10 kB",
            "10911    | 11 kB",
            "31000    | 31 kB",
            "564      | 564 B",
            "1300000  | 1.3 MB",
            "1.5e9    | 1.5 GB",
    })
    void dataSizes(double bytes, String expected) {
        assertEquals(expected, DataSizes.humanize(bytes));
    }

    @ParameterizedTest(name = "String({0}) = {1}")
    @CsvSource(delimiter = '|', value = {
            "30.0                  | 30",
            "-0.0                  | 0",
            "4.374056              | 4.374056",
            "0.1                   | 0.1",
            "123456789012          | 123456789012",
            "1e21                  | 1e+21",
            "1.5e300               | 1.5e+300",
            "0.000001              | 0.000001",
            "1e-7                  | 1e-7",
            "1.25e-8               | 1.25e-8",
            "-2.5                  | -2.5",
            "100000000000000000000 | 100000000000000000000",
    })
    void jsNumberToString(double x, String expected) {
        assertEquals(expected, JsNumbers.toJsString(x));
    }

    @Test
    void jsToFixedRoundsTheExactBinaryValueHalfUp() {
        assertEquals("1.00", JsNumbers.toFixed(1.005, 2)); // 1.00499999... in binary
        assertEquals("3", JsNumbers.toFixed(2.5, 0));
        assertEquals("-3", JsNumbers.toFixed(-2.5, 0));
        assertEquals("-0.00", JsNumbers.toFixed(-0.001, 2));
        assertEquals("4.374056", JsNumbers.toFixedNoTrailingZeros(4.3740561, 6));
        assertEquals("4.37", JsNumbers.toFixedNoTrailingZeros(4.37, 6));
        assertEquals("1234567", JsNumbers.toFixedNoTrailingZeros(1234567, 6));
    }

    private static SummaryMetric metric(String type, String contains, Map<String, Double> values) {
        return new SummaryMetric("m", type, contains, values, List.of());
    }

    @Test
    void ratesAreTruncatedPercentages() {
        SummaryMetric r = metric("rate", "default", Map.of("rate", 1.0, "passes", 90.0, "fails", 0.0));
        assertEquals(List.of("100.00%", "90 out of 90"), MetricValues.nonTrend(r, ""));
        assertEquals("99.99%", MetricValues.humanize(0.99999, r, ""));
        assertEquals("0.07%", MetricValues.humanize(3.0 / 3848, r, ""));
        assertEquals("0.00%", MetricValues.humanize(0, r, ""));
    }

    @Test
    void countersGaugesAndTrendColumns() {
        assertEquals(List.of("31 kB", "4.5 kB/s"),
                MetricValues.nonTrend(metric("counter", "data", Map.of("count", 31000.0, "rate", 4500.0)), ""));
        assertEquals(List.of("30", "4.374056/s"),
                MetricValues.nonTrend(metric("counter", "default", Map.of("count", 30.0, "rate", 4.3740561)), ""));
        assertEquals(List.of("1", "min=1", "max=1"),
                MetricValues.nonTrend(metric("gauge", "default", Map.of("value", 1.0, "min", 1.0, "max", 1.0)), ""));
        SummaryMetric t = metric("trend", "time", Map.of("count", 1000.0, "avg", 152.3555555));
        assertEquals("1000", MetricValues.trendStat(t, "count", ""));
        assertEquals("152.35ms", MetricValues.trendStat(t, "avg", ""));
        SummaryMetric custom = metric("trend", "default", Map.of("avg", 152.3555555));
        assertEquals("152.355556", MetricValues.trendStat(custom, "avg", ""));
        assertEquals(List.of("[no data]"), MetricValues.nonTrend(metric("bogus", "default", Map.of()), ""));
    }

    @Test
    void displayWidthIgnoresAnsiAndCountsCodePoints() {
        assertEquals(5, Ansi.width("\u001b[2;37m12µs\u001b[0m" + "✓"));
        assertEquals("  { expected_response:true }", MetricTable.displayName("http_req_duration{expected_response:true}"));
    }
}
