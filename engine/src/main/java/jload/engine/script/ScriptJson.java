package jload.engine.script;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;

/**
 * JSON between the engine and scripts that are not JavaScript: JSON text to maps (keys in order),
 * lists, strings, numbers, booleans and null, and back. Any CharSequence (Groovy's
 * {@code "${interpolated}"} strings) is written as its text.
 */
public final class ScriptJson {
    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new SimpleModule("script-strings").addSerializer(CharSequence.class, ToStringSerializer.instance));

    /** JavaScript's Number.MAX_SAFE_INTEGER: beyond it a double no longer holds every whole number. */
    private static final double MAX_SAFE_INTEGER = 9007199254740991d;

    private ScriptJson() {}

    /**
     * As JavaScript reads it, a number with no fraction is whole whatever its spelling: the
     * summary's {@code "count": 4.0} is 4 (an Integer or Long), so scripts print "4", not "4.0".
     */
    public static Object parse(String text) {
        try {
            return plain(JSON.readTree(text));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage());
        }
    }

    private static Object plain(JsonNode node) {
        switch (node.getNodeType()) {
            case OBJECT -> {
                Map<String, Object> map = new LinkedHashMap<>();
                node.properties().forEach(e -> map.put(e.getKey(), plain(e.getValue())));
                return map;
            }
            case ARRAY -> {
                List<Object> list = new ArrayList<>(node.size());
                node.forEach(e -> list.add(plain(e)));
                return list;
            }
            case STRING -> {
                return node.textValue();
            }
            case BOOLEAN -> {
                return node.booleanValue();
            }
            case NUMBER -> {
                if (node.isIntegralNumber()) return node.canConvertToInt() ? node.intValue() : node.canConvertToLong() ? node.longValue() : node.bigIntegerValue();
                double d = node.doubleValue();
                if (d == Math.rint(d) && Math.abs(d) <= MAX_SAFE_INTEGER) {
                    return Math.abs(d) <= Integer.MAX_VALUE ? (Object) (int) d : (Object) (long) d;
                }
                return d;
            }
            default -> {
                return null;
            }
        }
    }

    public static JsonNode tree(Object value) {
        return JSON.valueToTree(value);
    }

    public static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot be written as JSON: " + e.getOriginalMessage());
        }
    }
}
