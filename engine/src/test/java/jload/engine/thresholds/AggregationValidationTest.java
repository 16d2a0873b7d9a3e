package jload.engine.thresholds;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AggregationValidationTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            // aggregation | COUNTER | GAUGE | RATE  | TREND
            "count>1       | true    | false | false | false",
            "rate>1        | true    | false | true  | false",
            "value>1       | false   | true  | false | false",
            "avg>1         | false   | false | false | true",
            "min>1         | false   | false | false | true",
            "max>1         | false   | false | false | true",
            "med>1         | false   | false | false | true",
            "p(95)>1       | false   | false | false | true",
            "p(99.9)>1     | false   | false | false | true",
    })
    void matrixFollowsK6(String source, boolean counter, boolean gauge, boolean rate, boolean trend) {
        ThresholdExpression e = ThresholdExpression.parse(source);
        assertEquals(counter, e.isSupportedBy(MetricKind.COUNTER), "counter");
        assertEquals(gauge, e.isSupportedBy(MetricKind.GAUGE), "gauge");
        assertEquals(rate, e.isSupportedBy(MetricKind.RATE), "rate");
        assertEquals(trend, e.isSupportedBy(MetricKind.TREND), "trend");
    }

    @Test
    void unsupportedAggregationNamesMetricExpressionAndAlternatives() {
        ThresholdException e = assertThrows(ThresholdException.class,
                () -> ThresholdExpression.parse("avg<200").validateFor(MetricKind.COUNTER, "http_reqs"));
        assertEquals("invalid threshold \"avg<200\" on metric \"http_reqs\": the counter metric does not support"
                + " the aggregation method \"avg\"; supported aggregation methods for counter metrics are:"
                + " count, rate", e.getMessage());
    }

    @Test
    void percentileOnRateMetricListsRateOnly() {
        ThresholdException e = assertThrows(ThresholdException.class,
                () -> ThresholdExpression.parse("p(95)<1").validateFor(MetricKind.RATE, "checks{tag:x}"));
        assertTrue(e.getMessage().contains("\"p(95)<1\" on metric \"checks{tag:x}\""), e.getMessage());
        assertTrue(e.getMessage().contains("aggregation method \"p(N)\""), e.getMessage());
        assertTrue(e.getMessage().endsWith("supported aggregation methods for rate metrics are: rate"), e.getMessage());
    }

    @Test
    void trendListsItsAggregations() {
        ThresholdException e = assertThrows(ThresholdException.class,
                () -> ThresholdExpression.parse("count>0").validateFor(MetricKind.TREND, "http_req_duration"));
        assertTrue(e.getMessage().endsWith("are: avg, min, max, med, p(N)"), e.getMessage());
    }

    @Test
    void metricThresholdsValidateEachExpressionAgainstTheKey() {
        MetricThresholds ok = new MetricThresholds(MetricSelector.parse("http_req_duration{status:200}"),
                List.of(Threshold.of("p(95)<200"), Threshold.of("avg<100")));
        assertDoesNotThrow(() -> ok.validateFor(MetricKind.TREND));

        MetricThresholds bad = new MetricThresholds(MetricSelector.parse("vus"),
                List.of(Threshold.of("value<10"), Threshold.of("max<10")));
        ThresholdException e = assertThrows(ThresholdException.class, () -> bad.validateFor(MetricKind.GAUGE));
        assertTrue(e.getMessage().startsWith("invalid threshold \"max<10\" on metric \"vus\""), e.getMessage());
        assertTrue(e.getMessage().endsWith("are: value"), e.getMessage());
    }

    @Test
    void unknownMetricMessageNamesKeyAndMetric() {
        assertEquals("invalid threshold defined on \"my_trend{tag:a}\": no metric named \"my_trend\" exists;"
                        + " expected a built-in metric or a custom metric created in the init context",
                ThresholdException.noSuchMetric(MetricSelector.parse("my_trend{tag:a}")).getMessage());
    }

    @Test
    void kindsExposeK6Names() {
        assertEquals("trend", MetricKind.TREND.k6Name());
        assertFalse(MetricKind.GAUGE.supports(Aggregation.RATE));
    }
}
