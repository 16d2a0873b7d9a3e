package jload.engine.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** What a script names (a check, a tag, its own path) goes into the page as data, never as markup or code. */
class HtmlPageTest {
    @Test
    void dataThatLooksLikeMarkupOrAMarkerStaysData() throws Exception {
        String hostile = "a </script><script>alert(1)</script> <!-- /*APP_JS*/ /*DATA*/ b";
        ObjectNode model = new ReportModel(new ObjectMapper().createObjectNode().put("script", hostile), 1000).toJson();
        String html = HtmlPage.report(model);
        assertEquals(hostile, HtmlPage.dataOf(html).path("runs").get(0).path("run").path("script").asText());
        assertEquals(1, html.split("<script id=\"jload-data\"", -1).length - 1, "one data block");
        assertTrue(!html.contains("<script>alert(1)"), "no script element from the data");
        assertTrue(html.contains("&lt;/script&gt;"), "the title is escaped too");
        assertEquals(1, html.split("window.jloadReport = \\{", -1).length - 1, "the page's code once, where its marker is");
    }
}
