package jload.engine.output.summary;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Golden-file tests: {@code X.input.json} is handleSummary data, {@code X.expected.txt} the exact text.
 * k6-real-compact reproduces a summary printed by a real k6 v1 run (input values chosen to round to it).
 */
class TextSummaryGoldenTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static JsonNode input(String name) throws IOException {
        try (InputStream in = TextSummaryGoldenTest.class.getResourceAsStream("/summary/" + name + ".input.json")) {
            return JSON.readTree(in);
        }
    }

    static String expected(String name) throws IOException {
        try (InputStream in = TextSummaryGoldenTest.class.getResourceAsStream("/summary/" + name + ".expected.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static final TextSummaryOptions PLAIN = TextSummaryOptions.defaults().withEnableColors(false);

    @Test
    void matchesRealK6CompactOutput() throws IOException {
        assertEquals(expected("k6-real-compact"), TextSummary.render(input("k6-real-compact"), PLAIN));
    }

    @Test
    void fullModeWithGroupsFailedThresholdsAndJloadSections() throws IOException {
        assertEquals(expected("full-groups"),
                TextSummary.render(input("full-groups"), PLAIN.withSummaryMode(SummaryMode.FULL)));
    }

    @Test
    void compactModeHidesGroupSectionsAndTimingBreakdownButKeepsAllChecks() throws IOException {
        String out = TextSummary.render(input("full-groups"), PLAIN);
        assertFalse(out.contains("█ GROUP:"), out);
        assertFalse(out.contains("http_req_blocked"), out);
        // Checks made inside groups still appear in TOTAL RESULTS, as in k6's compact mode.
        assertTrue(out.contains("    ✓ login ok\n"), out);
    }

    @Test
    void stdoutFormAddsK6WrapperNewlines() throws IOException {
        JsonNode data = input("k6-real-compact");
        assertEquals("\n" + TextSummary.render(data, PLAIN) + "\n\n", TextSummary.renderForStdout(data, PLAIN));
    }

    @Test
    void colorsUseK6EscapeSequences() throws IOException {
        String out = TextSummary.render(input("k6-real-compact"), TextSummaryOptions.defaults());
        assertTrue(out.contains("  █ \u001b[1mTHRESHOLDS\u001b[0m \n"), out);
        assertTrue(out.contains("\u001b[32m✓ response time < 500ms\u001b[0m"), out);
        assertTrue(out.contains("\u001b[31m✗ status is 200\u001b[0m"), out);
        assertTrue(out.contains("    errors\u001b[2;37m.........................:\u001b[0m \u001b[36m0.15%\u001b[0m"), out);
        assertTrue(out.contains("\u001b[2;36m3 out of 1924\u001b[0m"), out);
        // Escapes must not count toward column widths: stripping them yields the plain output.
        assertEquals(TextSummary.render(input("k6-real-compact"), PLAIN), out.replaceAll("\u001b\\[[0-9;]*m", ""));
    }

    @Test
    void stdoutOptionsFollowTtyAndNoColor() throws IOException {
        JsonNode data = input("k6-real-compact");
        assertTrue(TextSummaryOptions.forStdout(data, SummaryMode.COMPACT).enableColors());
        ((com.fasterxml.jackson.databind.node.ObjectNode) data.get("options")).put("noColor", true);
        assertFalse(TextSummaryOptions.forStdout(data, SummaryMode.COMPACT).enableColors());
    }

    @Test
    void indentOptionAddsMarginToNonEmptyLines() throws IOException {
        String plain = TextSummary.render(input("k6-real-compact"), PLAIN);
        String indented = TextSummary.render(input("k6-real-compact"), PLAIN.withIndent(">"));
        assertTrue(indented.startsWith("\n>  █ THRESHOLDS"), indented);
        assertEquals(plain, indented.replaceAll("(?m)^>", ""));
    }
}
