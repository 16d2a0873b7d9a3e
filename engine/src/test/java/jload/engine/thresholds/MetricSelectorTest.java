package jload.engine.thresholds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MetricSelectorTest {

    @Test
    void plainMetricName() {
        MetricSelector s = MetricSelector.parse("http_req_duration");
        assertEquals("http_req_duration", s.metricName());
        assertEquals(Map.of(), s.tags());
        assertFalse(s.isSubMetric());
        assertEquals("http_req_duration", s.key());
    }

    @Test
    void subMetricWithOneTag() {
        MetricSelector s = MetricSelector.parse("http_req_duration{status:200}");
        assertEquals("http_req_duration", s.metricName());
        assertEquals(Map.of("status", "200"), s.tags());
        assertTrue(s.isSubMetric());
    }

    @Test
    void severalTagsKeepWrittenOrder() {
        MetricSelector s = MetricSelector.parse("http_req_duration{scenario:login,method:POST,name:api}");
        assertEquals(List.of("scenario", "method", "name"), List.copyOf(s.tags().keySet()));
        assertEquals(List.of("login", "POST", "api"), List.copyOf(s.tags().values()));
    }

    @Test
    void blanksAndQuotesAroundTagNamesAndValuesAreDropped() {
        MetricSelector s = MetricSelector.parse("http_req_duration{ scenario : \"my scenario\" , 'status':'200' }");
        assertEquals(Map.of("scenario", "my scenario", "status", "200"), s.tags());
        assertEquals("http_req_duration{ scenario : \"my scenario\" , 'status':'200' }", s.key());
    }

    @Test
    void blanksAroundTheMetricNameAreTolerated() {
        assertEquals("http_reqs", MetricSelector.parse(" http_reqs {status:200}").metricName());
    }

    @Test
    void valuesMayContainColonsButSplitOnTheFirstOne() {
        MetricSelector s = MetricSelector.parse("http_req_duration{url:http://example.com:8080/x}");
        assertEquals(Map.of("url", "http://example.com:8080/x"), s.tags());
    }

    @Test
    void bracesInsideTheListBelongToValuesLikeK6() {
        assertEquals(Map.of("name", "/api/{id}"), MetricSelector.parse("http_req_duration{name:/api/{id}}").tags());
    }

    @Test
    void blankValueIsAnEmptyTagValueLikeK6() {
        assertEquals(Map.of("group", ""), MetricSelector.parse("checks{group: }").tags());
        assertEquals(Map.of("group", ""), MetricSelector.parse("checks{group:\"\"}").tags());
    }

    @Test
    void repeatedTagKeepsLastValue() {
        assertEquals(Map.of("a", "2"), MetricSelector.parse("m{a:1,a:2}").tags());
    }

    @Test
    void equalityIgnoresSpellingButKeyKeepsIt() {
        MetricSelector a = MetricSelector.parse("m{a:1,b:2}");
        MetricSelector b = MetricSelector.parse("m{ a : '1', b:\"2\" }");
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a.key(), b.key());
        assertNotEquals(a, MetricSelector.parse("m{a:1}"));
        assertNotEquals(a, MetricSelector.parse("n{a:1,b:2}"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "http_req_duration{status:200        | the tag list opened with '{' is never closed with '}'",
            "http_req_duration status:200}       | it has a '}' without a matching '{'",
            "http_req_duration}status:200{       | the closing '}' comes before the opening '{'",
            "http_req_duration{status:200}x      | nothing may follow the closing '}'",
            "http_req_duration{}                 | the tag list between '{' and '}' is empty",
            "'http_req_duration{ }'              | the tag list between '{' and '}' is empty",
            "http_req_duration{status}           | the tag entry \"status\" is not of the form tag:value",
            "http_req_duration{status:}          | the tag entry \"status:\" is not of the form tag:value",
            "'http_req_duration{status:200,}'    | the tag entry \"\" is not of the form tag:value",
            "http_req_duration{:200}             | the tag entry \":200\" has no tag name before ':'",
            "{status:200}                        | the metric name is missing",
            "''                                  | the metric name is missing",
            "a}b{c:2}                            | the metric name contains a '}'",
    })
    void malformedKeysExplainTheProblem(String key, String reason) {
        ThresholdException e = assertThrows(ThresholdException.class, () -> MetricSelector.parse(key));
        assertEquals("invalid threshold metric \"" + key + "\": " + reason
                + "; expected metric_name or metric_name{tag:value,...}", e.getMessage());
    }
}
