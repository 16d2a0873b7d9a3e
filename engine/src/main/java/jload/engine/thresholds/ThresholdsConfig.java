package jload.engine.thresholds;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Reads {@code options.thresholds} (as JSON exported from the script) the way k6 decodes it.
 *
 * <pre>
 * thresholds: {
 *   http_req_failed: ['rate&lt;0.01'],                                    // short form
 *   'http_req_duration{status:200}': [
 *     'p(95)&lt;200',
 *     { threshold: 'p(99)&lt;500', abortOnFail: true, delayAbortEval: '10s' } // long form
 *   ],
 * }
 * </pre>
 *
 * <p>k6 decodes each value into a list with Go's JSON rules, and this class keeps those rules
 * because they decide which scripts run at all:
 * <ul>
 *   <li>The value must be an array; a bare string is refused (k6 fails with a type error), and
 *       {@code null} means no thresholds.</li>
 *   <li>Long-form field names match case-insensitively ({@code AbortOnFail} works in k6).</li>
 *   <li>Unknown long-form fields are ignored, as k6 ignores them; since that usually hides a typo
 *       such as {@code abortOnFial}, each one is reported to the warning sink.</li>
 *   <li>{@code abortOnFail} must be a boolean ({@code null} = false); {@code delayAbortEval} is a
 *       duration string, a number of milliseconds, or {@code null}.</li>
 * </ul>
 * Keys keep the order they have in the object.
 */
public final class ThresholdsConfig {

    private static final String FIELD_THRESHOLD = "threshold";
    private static final String FIELD_ABORT_ON_FAIL = "abortOnFail";
    private static final String FIELD_DELAY_ABORT_EVAL = "delayAbortEval";

    private ThresholdsConfig() {}

    /** Parses and drops warnings about ignored fields; prefer the two-argument form in the engine. */
    public static List<MetricThresholds> parse(JsonNode thresholdsOption) {
        return parse(thresholdsOption, warning -> { });
    }

    public static List<MetricThresholds> parse(JsonNode thresholdsOption, Consumer<String> warnings) {
        if (thresholdsOption == null || thresholdsOption.isNull() || thresholdsOption.isMissingNode()) {
            return List.of();
        }
        if (!thresholdsOption.isObject()) {
            throw new ThresholdException("invalid thresholds option: expected an object mapping metric names"
                    + " to lists of thresholds, for example { http_req_duration: ['p(95)<200'] }, but got "
                    + describe(thresholdsOption));
        }
        List<MetricThresholds> result = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : thresholdsOption.properties()) {
            MetricSelector selector = MetricSelector.parse(entry.getKey());
            result.add(new MetricThresholds(selector, thresholdsOf(entry.getKey(), entry.getValue(), warnings)));
        }
        return List.copyOf(result);
    }

    private static List<Threshold> thresholdsOf(String key, JsonNode value, Consumer<String> warnings) {
        if (value.isNull()) return List.of();
        if (!value.isArray()) {
            String hint = value.isTextual()
                    ? " (write ['" + value.asText() + "'] instead of '" + value.asText() + "')"
                    : "";
            throw onKey(key, "expected an array of thresholds, but got " + describe(value) + hint);
        }
        List<Threshold> thresholds = new ArrayList<>();
        for (JsonNode item : value) {
            thresholds.add(thresholdOf(key, item, warnings));
        }
        return thresholds;
    }

    private static Threshold thresholdOf(String key, JsonNode item, Consumer<String> warnings) {
        if (item.isTextual()) {
            return new Threshold(expressionOf(key, item.asText()), false, Optional.empty());
        }
        if (!item.isObject()) {
            throw onKey(key, "expected each threshold to be an expression string such as 'p(95)<200' or an object"
                    + " { threshold: 'p(95)<200', abortOnFail: true, delayAbortEval: '10s' }, but got "
                    + describe(item));
        }
        JsonNode expression = null;
        JsonNode abortOnFail = null;
        JsonNode delay = null;
        for (Map.Entry<String, JsonNode> field : item.properties()) {
            String name = field.getKey();
            if (name.equalsIgnoreCase(FIELD_THRESHOLD)) {
                expression = field.getValue();
            } else if (name.equalsIgnoreCase(FIELD_ABORT_ON_FAIL)) {
                abortOnFail = field.getValue();
            } else if (name.equalsIgnoreCase(FIELD_DELAY_ABORT_EVAL)) {
                delay = field.getValue();
            } else {
                warnings.accept("threshold on \"" + key + "\": ignoring unknown field \"" + name
                        + "\" (k6 ignores it too); known fields are threshold, abortOnFail, delayAbortEval");
            }
        }
        if (expression == null || expression.isNull()) {
            throw onKey(key, "the threshold object has no \"threshold\" field; expected"
                    + " { threshold: 'p(95)<200', abortOnFail: true, delayAbortEval: '10s' }");
        }
        if (!expression.isTextual()) {
            throw onKey(key, "\"threshold\" must be an expression string such as 'p(95)<200', but got "
                    + describe(expression));
        }
        ThresholdExpression parsed = expressionOf(key, expression.asText());
        return new Threshold(parsed, abortOnFailOf(key, parsed, abortOnFail), delayOf(key, parsed, delay));
    }

    private static ThresholdExpression expressionOf(String key, String text) {
        try {
            return ThresholdExpression.parse(text);
        } catch (ThresholdException e) {
            throw new ThresholdException("invalid threshold defined on \"" + key + "\": " + e.getMessage(), e);
        }
    }

    private static boolean abortOnFailOf(String key, ThresholdExpression expression, JsonNode node) {
        if (node == null || node.isNull()) return false;
        if (!node.isBoolean()) {
            throw onKey(key, "\"abortOnFail\" of \"" + expression.source() + "\" must be true or false, but got "
                    + describe(node));
        }
        return node.booleanValue();
    }

    private static Optional<Duration> delayOf(String key, ThresholdExpression expression, JsonNode node) {
        if (node == null || node.isNull()) return Optional.empty();
        try {
            if (node.isTextual()) return Optional.of(K6Duration.parse(node.asText()));
            if (node.isNumber()) return Optional.of(K6Duration.parse(node.asText()));
        } catch (ThresholdException e) {
            throw onKey(key, "\"delayAbortEval\" of \"" + expression.source() + "\" is not valid: " + e.getMessage());
        }
        throw onKey(key, "\"delayAbortEval\" of \"" + expression.source() + "\" must be a duration string such as"
                + " '10s' or a number of milliseconds, but got " + describe(node));
    }

    private static ThresholdException onKey(String key, String reason) {
        return new ThresholdException("invalid threshold defined on \"" + key + "\": " + reason);
    }

    private static String describe(JsonNode node) {
        String type = switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case BOOLEAN -> "a boolean";
            case NUMBER -> "a number";
            case OBJECT, POJO -> "an object";
            case STRING -> "a string";
            case NULL, MISSING -> "null";
            case BINARY -> "binary data";
        };
        return node.isNull() || node.isMissingNode() ? type : type + " (" + node + ")";
    }
}
