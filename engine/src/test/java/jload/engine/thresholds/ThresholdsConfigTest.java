package jload.engine.thresholds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ThresholdsConfigTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text.replace('\'', '"'));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static List<MetricThresholds> parse(String text) {
        return ThresholdsConfig.parse(json(text));
    }

    private static ThresholdException parseError(String text) {
        return assertThrows(ThresholdException.class, () -> parse(text));
    }

    @Test
    void shortFormKeepsKeyOrderAndExpressionOrder() {
        List<MetricThresholds> all = parse("""
                {'http_req_failed': ['rate<0.01'],
                 'http_req_duration': ['p(90) < 400', 'p(95) < 800', 'p(99.9) < 2000'],
                 'checks': ['rate>0.9']}""");
        assertEquals(List.of("http_req_failed", "http_req_duration", "checks"),
                all.stream().map(m -> m.selector().key()).toList());
        assertEquals(List.of("p(90) < 400", "p(95) < 800", "p(99.9) < 2000"),
                all.get(1).thresholds().stream().map(t -> t.expression().source()).toList());
        Threshold first = all.get(0).thresholds().get(0);
        assertFalse(first.abortOnFail());
        assertEquals(Optional.empty(), first.delayAbortEval());
    }

    @Test
    void longFormWithAbortOnFailAndDelay() {
        List<MetricThresholds> all = parse("""
                {'http_req_duration{status:200}': [
                   'avg<100',
                   {'threshold': 'p(99)<500', 'abortOnFail': true, 'delayAbortEval': '10s'},
                   {'threshold': 'max<900', 'abortOnFail': false},
                   {'threshold': 'med<50', 'delayAbortEval': 1500}
                 ]}""");
        MetricThresholds m = all.get(0);
        assertEquals("http_req_duration", m.selector().metricName());
        assertEquals(Map.of("status", "200"), m.selector().tags());
        List<Threshold> t = m.thresholds();
        assertEquals(4, t.size());
        assertFalse(t.get(0).abortOnFail());
        assertEquals("p(99)<500", t.get(1).expression().source());
        assertTrue(t.get(1).abortOnFail());
        assertEquals(Optional.of(Duration.ofSeconds(10)), t.get(1).delayAbortEval());
        assertFalse(t.get(2).abortOnFail());
        assertEquals(Optional.of(Duration.ofMillis(1500)), t.get(3).delayAbortEval());
    }

    @Test
    void longFormFieldNamesMatchCaseInsensitivelyLikeGoJson() {
        Threshold t = parse("{'m': [{'Threshold': 'avg<1', 'ABORTONFAIL': true, 'delayabortEval': '1m'}]}")
                .get(0).thresholds().get(0);
        assertEquals("avg<1", t.expression().source());
        assertTrue(t.abortOnFail());
        assertEquals(Optional.of(Duration.ofMinutes(1)), t.delayAbortEval());
    }

    @Test
    void nullsMeanDefaults() {
        assertEquals(List.of(), ThresholdsConfig.parse(null));
        assertEquals(List.of(), ThresholdsConfig.parse(NullNode.getInstance()));
        assertEquals(List.of(), ThresholdsConfig.parse(MissingNode.getInstance()));
        List<MetricThresholds> all = parse("{'m': null, 'n': [], 'o': [{'threshold': 'avg<1', 'abortOnFail': null,"
                + " 'delayAbortEval': null}]}");
        assertEquals(List.of(), all.get(0).thresholds());
        assertEquals(List.of(), all.get(1).thresholds());
        assertFalse(all.get(2).thresholds().get(0).abortOnFail());
        assertEquals(Optional.empty(), all.get(2).thresholds().get(0).delayAbortEval());
    }

    @Test
    void unknownLongFormFieldsAreIgnoredButReported() {
        List<String> warnings = new ArrayList<>();
        List<MetricThresholds> all = ThresholdsConfig.parse(
                json("{'http_reqs': [{'threshold': 'count>10', 'abortOnFial': true}]}"), warnings::add);
        assertFalse(all.get(0).thresholds().get(0).abortOnFail());
        assertEquals(List.of("threshold on \"http_reqs\": ignoring unknown field \"abortOnFial\" (k6 ignores it too);"
                + " known fields are threshold, abortOnFail, delayAbortEval"), warnings);
    }

    @Test
    void bareStringInsteadOfArrayIsRefusedWithTheFix() {
        ThresholdException e = parseError("{'http_req_duration': 'p(95)<200'}");
        assertEquals("invalid threshold defined on \"http_req_duration\": expected an array of thresholds, but got"
                + " a string (\"p(95)<200\") (write ['p(95)<200'] instead of 'p(95)<200')", e.getMessage());
    }

    @Test
    void invalidExpressionNamesKeyAndExpression() {
        ThresholdException e = parseError("{'http_req_duration{status:200}': ['p(95)<200', 'p95<300']}");
        assertEquals("invalid threshold defined on \"http_req_duration{status:200}\": invalid threshold expression"
                + " \"p95<300\": unknown aggregation method \"p95\"; expected one of avg, min, max, med, p(N), count,"
                + " rate, value", e.getMessage());
        assertInstanceOf(ThresholdException.class, e.getCause());
    }

    @Test
    void invalidExpressionInLongFormNamesKey() {
        ThresholdException e = parseError("{'checks': [{'threshold': 'rate>0.9%'}]}");
        assertTrue(e.getMessage().startsWith("invalid threshold defined on \"checks\": invalid threshold expression"
                + " \"rate>0.9%\": \"0.9%\" after \">\" is not a number"), e.getMessage());
    }

    @Test
    void invalidSelectorIsReported() {
        ThresholdException e = parseError("{'http_req_duration{status:200': ['avg<1']}");
        assertTrue(e.getMessage().startsWith("invalid threshold metric \"http_req_duration{status:200\""),
                e.getMessage());
    }

    @Test
    void wrongShapesSayWhatWasExpected() {
        assertEquals("invalid thresholds option: expected an object mapping metric names to lists of thresholds,"
                        + " for example { http_req_duration: ['p(95)<200'] }, but got an array ([\"avg<1\"])",
                parseError("['avg<1']").getMessage());
        assertEquals("invalid threshold defined on \"m\": expected an array of thresholds, but got a number (5)",
                parseError("{'m': 5}").getMessage());
        assertTrue(parseError("{'m': [42]}").getMessage().startsWith("invalid threshold defined on \"m\": expected"
                + " each threshold to be an expression string such as 'p(95)<200' or an object"), "number item");
        assertTrue(parseError("{'m': [null]}").getMessage().endsWith("but got null"), "null item");
        assertTrue(parseError("{'m': [['avg<1']]}").getMessage().endsWith("but got an array ([\"avg<1\"])"),
                "nested array");
    }

    @Test
    void longFormFieldTypesAreChecked() {
        assertEquals("invalid threshold defined on \"m\": the threshold object has no \"threshold\" field; expected"
                        + " { threshold: 'p(95)<200', abortOnFail: true, delayAbortEval: '10s' }",
                parseError("{'m': [{'abortOnFail': true}]}").getMessage());
        assertEquals("invalid threshold defined on \"m\": \"threshold\" must be an expression string such as"
                        + " 'p(95)<200', but got a number (200)",
                parseError("{'m': [{'threshold': 200}]}").getMessage());
        assertEquals("invalid threshold defined on \"m\": \"abortOnFail\" of \"avg<1\" must be true or false,"
                        + " but got a string (\"yes\")",
                parseError("{'m': [{'threshold': 'avg<1', 'abortOnFail': 'yes'}]}").getMessage());
        assertEquals("invalid threshold defined on \"m\": \"delayAbortEval\" of \"avg<1\" must be a duration string"
                        + " such as '10s' or a number of milliseconds, but got a boolean (true)",
                parseError("{'m': [{'threshold': 'avg<1', 'delayAbortEval': true}]}").getMessage());
    }

    @Test
    void badDelayTextIsExplained() {
        ThresholdException e = parseError("{'m': [{'threshold': 'avg<1', 'abortOnFail': true,"
                + " 'delayAbortEval': '10 seconds'}]}");
        assertEquals("invalid threshold defined on \"m\": \"delayAbortEval\" of \"avg<1\" is not valid: invalid"
                + " duration \"10 seconds\": expected a number of milliseconds or a duration such as \"500ms\","
                + " \"10s\", \"1m30s\", \"2h\" or \"1d12h\" (no spaces)", e.getMessage());
    }
}
