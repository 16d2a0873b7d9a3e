package jload.engine.output.summary;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The legacy --summary-export document (k6 internal/js/summary-wrapper.js, oldJSONSummary). */
class SummaryExportTest {

    private static final String EXPECTED = """
            {
                "root_group": {
                    "name": "",
                    "path": "",
                    "id": "d41d8cd98f00b204e9800998ecf8427e",
                    "groups": {
                        "login": {
                            "name": "login",
                            "path": "::login",
                            "id": "b1",
                            "groups": {},
                            "checks": {
                                "token present": {
                                    "name": "token present",
                                    "path": "::login::token present",
                                    "id": "c2",
                                    "passes": 7,
                                    "fails": 3
                                }
                            }
                        }
                    },
                    "checks": {
                        "status is 200": {
                            "name": "status is 200",
                            "path": "::status is 200",
                            "id": "c1",
                            "passes": 30,
                            "fails": 0
                        }
                    }
                },
                "metrics": {
                    "http_req_duration": {
                        "avg": 140.3,
                        "p(95)": 148.2,
                        "thresholds": {
                            "p(95)<100": true,
                            "avg<500": false
                        }
                    },
                    "checks": {
                        "passes": 37,
                        "fails": 3,
                        "value": 0.925
                    },
                    "iterations": {
                        "count": 30,
                        "rate": 4.374056
                    },
                    "vus": {
                        "value": 1,
                        "min": 1,
                        "max": 1
                    }
                }
            }""";

    private static JsonNode input() throws IOException {
        return TextSummaryGoldenTest.input("export");
    }

    @Test
    void matchesK6LegacyDocumentByteForByte() throws IOException {
        assertEquals(EXPECTED, SummaryExport.toJson(input()));
    }

    @Test
    void thresholdValueMeansFailedNotOk() throws IOException {
        JsonNode t = SummaryExport.toLegacyTree(input()).path("metrics").path("http_req_duration").path("thresholds");
        assertTrue(t.get("p(95)<100").asBoolean());   // ok:false in handleSummary data
        assertFalse(t.get("avg<500").asBoolean());    // ok:true
    }

    @Test
    void doesNotMutateInputAndDropsRuntimeSections() throws IOException {
        JsonNode data = input();
        String before = data.toString();
        JsonNode legacy = SummaryExport.toLegacyTree(data);
        assertEquals(before, data.toString());
        assertFalse(legacy.has("options"));
        assertFalse(legacy.has("state"));
    }

    @Test
    void jsJsonEscapesLikeJsonStringify() throws IOException {
        JsonNode n = new ObjectMapper().readTree("{\"a\\u0001\\\"/é\":[1.0,-0.5,1e21,true,null],\"e\":[]}");
        assertEquals("{\n  \"a\\u0001\\\"/é\": [\n    1,\n    -0.5,\n    1e+21,\n    true,\n    null\n  ],\n  \"e\": []\n}",
                JsJson.stringify(n, 2));
    }
}
