package jload.engine.output.summary;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MetricGroupingTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "http_req_duration, HTTP",
            "http_req_duration{expected_response:true}, HTTP",
            "http_reqs, HTTP",
            "http_custom_thing, CUSTOM",      // k6 matches known names, not the http_ prefix
            "vus, EXECUTION",
            "vus_max, EXECUTION",
            "iterations, EXECUTION",
            "iteration_duration, EXECUTION",
            "dropped_iterations, EXECUTION",
            "data_received, NETWORK",
            "data_sent, NETWORK",
            "data_custom, CUSTOM",
            "browser_http_req_duration, BROWSER",
            "browser_web_vital_lcp, WEB_VITALS",
            "grpc_req_duration, GRPC",
            "ws_rtt, WEBSOCKET",
            "ws_errors, WEBSOCKET",
            "fanout_messages, WEBSOCKET",
            "sio_messages, SOCKET.IO",
            "redis_cmd_duration, REDIS",
            "mongo_ops, MONGO",
            "my_trend, CUSTOM",
    })
    void sections(String metric, String section) {
        assertEquals(section, MetricSections.sectionOf(metric));
    }

    @Test
    void skippedMetrics() {
        assertTrue(MetricSections.isSkipped("checks", SummaryMode.FULL));
        assertTrue(MetricSections.isSkipped("group_duration", SummaryMode.FULL));
        assertTrue(MetricSections.isSkipped("http_req_waiting", SummaryMode.COMPACT));
        assertFalse(MetricSections.isSkipped("http_req_waiting", SummaryMode.FULL));
        assertFalse(MetricSections.isSkipped("http_req_duration", SummaryMode.COMPACT));
    }

    @Test
    void customSectionIsListedFirst() {
        assertEquals("CUSTOM", MetricSections.displayOrder().getFirst());
    }

    @Test
    void sortKeepsSubmetricsUnderParentAndUsesLocaleOrder() {
        List<String> in = List.of("http_reqs", "http_req_failed", "http_req_duration{expected_response:true}",
                "vus_max", "http_req_duration", "vus", "Zeta", "alpha", "a1", "a_b");
        assertEquals(List.of("a_b", "a1", "alpha", "http_req_duration", "http_req_duration{expected_response:true}",
                "http_req_failed", "http_reqs", "vus", "vus_max", "Zeta"), MetricOrder.sorted(in));
    }

    @Test
    void summaryModeParsing() {
        assertEquals(SummaryMode.COMPACT, SummaryMode.parse(""));
        assertEquals(SummaryMode.FULL, SummaryMode.parse("full"));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> SummaryMode.parse("x"));
    }
}
