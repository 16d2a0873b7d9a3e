package jload.engine.thresholds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class ThresholdEvaluatorTest {

    private static ThresholdEvaluator evaluator(String thresholdsJson) throws Exception {
        return new ThresholdEvaluator(ThresholdsConfig.parse(new ObjectMapper().readTree(thresholdsJson.replace('\'', '"'))));
    }

    /** Values per selector key as written. */
    private static Function<MetricSelector, MetricValues> values(Map<String, MetricValues> byKey) {
        return selector -> byKey.get(selector.key());
    }

    @Test
    void reportsEachThresholdWithObservedValue() throws Exception {
        ThresholdEvaluator ev = evaluator("{'http_req_duration': ['p(95)<200', 'avg<100'], 'http_req_failed': ['rate<0.01']}");
        ThresholdEvaluation result = ev.evaluateAtEnd(values(Map.of(
                "http_req_duration", MetricValues.of(Map.of("p(95)", 250.0, "avg", 80.0)),
                "http_req_failed", MetricValues.of(Map.of("rate", 0.0)))), Duration.ofSeconds(30));
        assertEquals(List.of(
                new ThresholdResult("http_req_duration", "p(95)<200", false, 250.0, true, false),
                new ThresholdResult("http_req_duration", "avg<100", true, 80.0, true, false),
                new ThresholdResult("http_req_failed", "rate<0.01", true, 0.0, true, false)), result.results());
        assertTrue(result.anyFailed());
        assertFalse(result.shouldAbort());
        assertEquals(List.of("http_req_duration"), result.breachedKeys());
    }

    @Test
    void looksUpPercentilesByNormalisedKey() throws Exception {
        ThresholdEvaluator ev = evaluator("{'t': ['p(99.90)<10', 'p(95.0)<10']}");
        ThresholdEvaluation r = ev.evaluateAtEnd(
                s -> MetricValues.of(Map.of("p(99.9)", 5.0, "p(95)", 20.0)), Duration.ZERO);
        assertTrue(r.results().get(0).ok());
        assertFalse(r.results().get(1).ok());
        assertEquals(20.0, r.results().get(1).observed());
    }

    @Test
    void subMetricsAreLookedUpByTheirOwnSelector() throws Exception {
        ThresholdEvaluator ev = evaluator("{'http_req_duration{status:200}': ['max<100'],"
                + " 'http_req_duration{status:500}': ['max<100']}");
        Map<MetricSelector, MetricValues> bySelector = new HashMap<>();
        bySelector.put(MetricSelector.parse("http_req_duration{status:200}"), MetricValues.of(Map.of("max", 50.0)));
        bySelector.put(MetricSelector.parse("http_req_duration{ status : '500' }"), MetricValues.of(Map.of("max", 150.0)));
        ThresholdEvaluation r = ev.evaluateAtEnd(bySelector::get, Duration.ofSeconds(1));
        assertEquals(List.of(true, false), r.results().stream().map(ThresholdResult::ok).toList());
        assertEquals(List.of("http_req_duration{status:500}"), r.breachedKeys());
    }

    @Test
    void missingValueIsNotEvaluatedAndDoesNotFail() throws Exception {
        // k6: a rate metric without samples has no "rate"; the threshold is logged, not breached.
        ThresholdEvaluator ev = evaluator("{'checks': [{'threshold': 'rate>0.99', 'abortOnFail': true}]}");
        ThresholdEvaluation r = ev.evaluateAtEnd(s -> MetricValues.empty(), Duration.ofMinutes(1));
        ThresholdResult only = r.results().get(0);
        assertTrue(only.ok());
        assertFalse(only.evaluated());
        assertTrue(Double.isNaN(only.observed()));
        assertFalse(r.anyFailed());
        assertFalse(r.shouldAbort());
    }

    @Test
    void zeroValuesOfAnEmptyCounterAreEvaluatedAtTheEndLikeK6() throws Exception {
        ThresholdEvaluator ev = evaluator("{'http_reqs{scenario:idle}': ['count>0']}");
        MetricValues emptyCounter = new MetricValues() {
            @Override
            public java.util.OptionalDouble value(String key) {
                return java.util.OptionalDouble.of(0);
            }

            @Override
            public boolean hasSamples() {
                return false;
            }
        };
        ThresholdEvaluation during = ev.evaluateDuringRun(s -> emptyCounter, Duration.ofSeconds(5));
        assertTrue(during.results().get(0).ok(), "unsampled metrics are skipped during the run");
        assertFalse(during.results().get(0).evaluated());

        ThresholdEvaluation end = ev.evaluateAtEnd(s -> emptyCounter, Duration.ofSeconds(5));
        assertFalse(end.results().get(0).ok(), "but evaluated at the end");
        assertEquals(0.0, end.results().get(0).observed());
    }

    @Test
    void abortOnFailWithoutDelayAbortsImmediately() throws Exception {
        ThresholdEvaluator ev = evaluator("{'http_req_failed': [{'threshold': 'rate<0.1', 'abortOnFail': true}]}");
        assertTrue(ev.evaluateDuringRun(s -> MetricValues.of(Map.of("rate", 0.5)), Duration.ofMillis(1)).shouldAbort());
        assertFalse(ev.evaluateDuringRun(s -> MetricValues.of(Map.of("rate", 0.05)), Duration.ofMillis(1)).shouldAbort(),
                "passing thresholds never abort");
    }

    @Test
    void delayAbortEvalHoldsBackTheAbortUntilStrictlyPassed() throws Exception {
        ThresholdEvaluator ev = evaluator(
                "{'http_req_duration': [{'threshold': 'p(95)<200', 'abortOnFail': true, 'delayAbortEval': '10s'}]}");
        Function<MetricSelector, MetricValues> failing = s -> MetricValues.of(Map.of("p(95)", 500.0));
        assertFalse(ev.evaluateDuringRun(failing, Duration.ofSeconds(9)).shouldAbort());
        assertFalse(ev.evaluateDuringRun(failing, Duration.ofSeconds(10)).shouldAbort(), "k6 needs delay < elapsed");
        assertTrue(ev.evaluateDuringRun(failing, Duration.ofSeconds(10).plusNanos(1)).shouldAbort());
        ThresholdEvaluation r = ev.evaluateDuringRun(failing, Duration.ofSeconds(9));
        assertTrue(r.anyFailed(), "a held-back threshold still counts as failed");
    }

    @Test
    void failureWithoutAbortOnFailNeverAborts() throws Exception {
        ThresholdEvaluator ev = evaluator("{'m': ['avg<1', {'threshold': 'max<1000', 'abortOnFail': true}]}");
        ThresholdEvaluation r = ev.evaluateDuringRun(s -> MetricValues.of(Map.of("avg", 5.0, "max", 10.0)),
                Duration.ofHours(1));
        assertTrue(r.anyFailed());
        assertFalse(r.shouldAbort(), "only the non-aborting threshold failed");
    }

    @Test
    void oneAbortingFailureAmongManyIsEnough() throws Exception {
        ThresholdEvaluator ev = evaluator("{'a': ['avg<1'], 'b': [{'threshold': 'count<10', 'abortOnFail': true,"
                + " 'delayAbortEval': '1m'}]}");
        Map<String, MetricValues> v = Map.of(
                "a", MetricValues.of(Map.of("avg", 0.5)),
                "b", MetricValues.of(Map.of("count", 11.0)));
        assertFalse(ev.evaluateDuringRun(values(v), Duration.ofSeconds(59)).shouldAbort());
        assertTrue(ev.evaluateDuringRun(values(v), Duration.ofSeconds(61)).shouldAbort());
    }

    @Test
    void thresholdAbortDecisionRule() {
        Threshold never = new Threshold(ThresholdExpression.parse("avg<1"), false, Optional.empty());
        Threshold now = new Threshold(ThresholdExpression.parse("avg<1"), true, Optional.empty());
        Threshold zeroDelay = new Threshold(ThresholdExpression.parse("avg<1"), true, Optional.of(Duration.ZERO));
        assertFalse(never.abortsRunAt(Duration.ofDays(1)));
        assertTrue(now.abortsRunAt(Duration.ZERO));
        assertFalse(zeroDelay.abortsRunAt(Duration.ZERO));
        assertTrue(zeroDelay.abortsRunAt(Duration.ofNanos(1)));
    }

    @Test
    void engineMustSupplyValuesForEverySelector() throws Exception {
        ThresholdEvaluator ev = evaluator("{'m': ['avg<1']}");
        NullPointerException e = assertThrows(NullPointerException.class,
                () -> ev.evaluateAtEnd(s -> null, Duration.ZERO));
        assertEquals("no values supplied for threshold key m", e.getMessage());
    }
}
