package jload.engine.output.summary;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * Options of the end-of-test text summary, the ones k6's {@code textSummary(data, options)} honours.
 *
 * @param enableColors      ANSI colors (k6: on unless {@code --no-color} or stdout is not a TTY)
 * @param indent            extra left margin for every non-empty line; k6 v1 accepts but ignores its
 *                          {@code indent} option, so the default "" reproduces k6 exactly
 * @param summaryMode       compact (k6 default) or full (adds {@code █ GROUP:} sections)
 * @param summaryTrendStats trend columns; null means {@code data.options.summaryTrendStats}
 * @param summaryTimeUnit   fixed time unit (s, ms, us); null means {@code data.options.summaryTimeUnit}
 * @param sortByName        sort metrics by name (k6 default true)
 * @param showPassedChecks  list checks without failures
 * @param showFailedChecks  list checks with failures
 */
public record TextSummaryOptions(boolean enableColors, String indent, SummaryMode summaryMode,
                                 List<String> summaryTrendStats, String summaryTimeUnit, boolean sortByName,
                                 boolean showPassedChecks, boolean showFailedChecks) {

    static final List<String> DEFAULT_TREND_STATS = List.of("avg", "min", "med", "max", "p(90)", "p(95)");

    public TextSummaryOptions {
        indent = indent == null ? "" : indent;
        summaryMode = summaryMode == null ? SummaryMode.COMPACT : summaryMode;
        summaryTrendStats = summaryTrendStats == null ? null : List.copyOf(summaryTrendStats);
    }

    /** k6's defaults for {@code textSummary}: colors on, compact mode, everything else from the data. */
    public static TextSummaryOptions defaults() {
        return new TextSummaryOptions(true, "", SummaryMode.COMPACT, null, null, true, true, true);
    }

    /** What {@code k6 run} uses for stdout: colors only when not disabled and stdout is a terminal. */
    public static TextSummaryOptions forStdout(JsonNode data, SummaryMode mode) {
        boolean noColor = data.path("options").path("noColor").asBoolean(false);
        boolean tty = data.path("state").path("isStdOutTTY").asBoolean(false);
        return defaults().withEnableColors(!noColor && tty).withSummaryMode(mode);
    }

    /** A script's {@code textSummary(data, {indent, enableColors})}: as the k6-summary library, colors off unless asked. */
    public static TextSummaryOptions fromScript(JsonNode options) {
        return defaults().withIndent(options.path("indent").asText("")).withEnableColors(options.path("enableColors").asBoolean(false));
    }

    public TextSummaryOptions withEnableColors(boolean v) {
        return new TextSummaryOptions(v, indent, summaryMode, summaryTrendStats, summaryTimeUnit, sortByName,
                showPassedChecks, showFailedChecks);
    }

    public TextSummaryOptions withIndent(String v) {
        return new TextSummaryOptions(enableColors, v, summaryMode, summaryTrendStats, summaryTimeUnit, sortByName,
                showPassedChecks, showFailedChecks);
    }

    public TextSummaryOptions withSummaryMode(SummaryMode v) {
        return new TextSummaryOptions(enableColors, indent, v, summaryTrendStats, summaryTimeUnit, sortByName,
                showPassedChecks, showFailedChecks);
    }

    public TextSummaryOptions withSummaryTrendStats(List<String> v) {
        return new TextSummaryOptions(enableColors, indent, summaryMode, v, summaryTimeUnit, sortByName,
                showPassedChecks, showFailedChecks);
    }

    public TextSummaryOptions withSummaryTimeUnit(String v) {
        return new TextSummaryOptions(enableColors, indent, summaryMode, summaryTrendStats, v, sortByName,
                showPassedChecks, showFailedChecks);
    }

    public TextSummaryOptions withSortByName(boolean v) {
        return new TextSummaryOptions(enableColors, indent, summaryMode, summaryTrendStats, summaryTimeUnit, v,
                showPassedChecks, showFailedChecks);
    }

    public TextSummaryOptions withShowPassedChecks(boolean v) {
        return new TextSummaryOptions(enableColors, indent, summaryMode, summaryTrendStats, summaryTimeUnit,
                sortByName, v, showFailedChecks);
    }

    public TextSummaryOptions withShowFailedChecks(boolean v) {
        return new TextSummaryOptions(enableColors, indent, summaryMode, summaryTrendStats, summaryTimeUnit,
                sortByName, showPassedChecks, v);
    }
}
