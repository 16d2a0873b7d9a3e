package jload.engine.script.js;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import jload.Scrape;
import jload.engine.script.EngineVu;
import org.graalvm.polyglot.HostAccess;

/** The host object behind jload/metrics' {@code scrape} ({@code globalThis.__jload_scrape}): options and labels cross as JSON text. */
public final class JsTargetMetrics {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final EngineVu vu;

    JsTargetMetrics(EngineVu vu) {
        this.vu = vu;
    }

    @HostAccess.Export
    public JsScrape scrape(String url, String optionsJson) {
        return JsErrors.onBehalfOfScript(() -> new JsScrape(vu.targetMetrics().scrape(url, JsWebSockets.optionsObject(optionsJson, "scrape"))));
    }

    @HostAccess.Export
    public JsScrape snapshot(String url, String file, String optionsJson) {
        return JsErrors.onBehalfOfScript(() -> new JsScrape(vu.targetMetrics().snapshot(url, file, JsWebSockets.optionsObject(optionsJson, "snapshot"))));
    }

    /** One reading, as the module's Scrape class reads it. */
    public static final class JsScrape {
        private final Scrape scrape;

        JsScrape(Scrape scrape) {
            this.scrape = scrape;
        }

        @HostAccess.Export
        public boolean ok() {
            return scrape.ok();
        }

        @HostAccess.Export
        public int status() {
            return scrape.status();
        }

        @HostAccess.Export
        public String error() {
            return scrape.error();
        }

        @HostAccess.Export
        public String text() {
            return scrape.text();
        }

        /** The series and their values as a JSON object's text; NaN and ±Inf as strings, which the module turns back into numbers. */
        @HostAccess.Export
        public String valuesJson() {
            try {
                return JSON.writeValueAsString(scrape.values());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        @HostAccess.Export
        public double value(String name, String labelsJson) {
            Map<String, String> labels;
            try {
                labels = JSON.readValue(labelsJson, new TypeReference<Map<String, String>>() {});
            } catch (Exception e) {
                throw JsErrors.thrown("scrape value: the labels must be an object of strings: " + e.getMessage());
            }
            return scrape.value(name, labels);
        }
    }
}
