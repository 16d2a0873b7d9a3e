package jload.engine.plan;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads one JSON object of options (k6's {@code options}, or one of its scenarios) and turns every
 * mistake into a {@link ConfigException} that names the option by its path, e.g.
 * {@code scenarios.burst.rate}, and says what was expected.
 */
public final class OptionReader {
    private final JsonNode node;
    private final String path;

    public OptionReader(JsonNode node, String path) {
        this.node = node;
        this.path = path;
        if (node != null && !node.isObject() && !node.isNull()) {
            throw new ConfigException(path + ": expected an object, got " + describe(node));
        }
    }

    public String name(String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    public boolean has(String field) {
        return node != null && node.hasNonNull(field);
    }

    private JsonNode get(String field) {
        return node == null ? null : node.get(field);
    }

    /** Fails on any field not in {@code known}: a typo must not silently run another test. */
    public void rejectUnknown(Set<String> known) {
        if (node == null) return;
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!known.contains(f)) {
                throw new ConfigException(name(f) + ": unknown option; expected one of " + String.join(", ", known.stream().sorted().toList()));
            }
        }
    }

    public String string(String field, String fallback) {
        JsonNode v = get(field);
        if (v == null || v.isNull()) return fallback;
        if (!v.isTextual()) throw new ConfigException(name(field) + ": expected a string, got " + describe(v));
        return v.asText();
    }

    public long integer(String field, long fallback, long min) {
        JsonNode v = get(field);
        if (v == null || v.isNull()) return fallback;
        if (!v.isIntegralNumber() && !(v.isNumber() && v.asDouble() == Math.rint(v.asDouble()))) {
            throw new ConfigException(name(field) + ": expected a whole number, got " + describe(v));
        }
        long n = v.asLong();
        if (n < min) throw new ConfigException(name(field) + ": expected a number ≥ " + min + ", got " + n);
        return n;
    }

    public long requiredInteger(String field, long min) {
        if (!has(field)) throw new ConfigException(name(field) + ": required");
        return integer(field, 0, min);
    }

    public Duration duration(String field, Duration fallback) {
        JsonNode v = get(field);
        if (v == null || v.isNull()) return fallback;
        if (v.isNumber()) return Duration.ofNanos(Math.round(v.asDouble() * 1_000_000));
        if (!v.isTextual()) throw new ConfigException(name(field) + ": expected a duration like \"30s\", got " + describe(v));
        return K6Duration.parse(v.asText(), name(field));
    }

    public Duration requiredDuration(String field) {
        if (!has(field)) throw new ConfigException(name(field) + ": required (a duration like \"30s\")");
        return duration(field, Duration.ZERO);
    }

    public boolean bool(String field, boolean fallback) {
        JsonNode v = get(field);
        if (v == null || v.isNull()) return fallback;
        if (!v.isBoolean()) throw new ConfigException(name(field) + ": expected true or false, got " + describe(v));
        return v.asBoolean();
    }

    public Map<String, String> stringMap(String field) {
        JsonNode v = get(field);
        Map<String, String> map = new LinkedHashMap<>();
        if (v == null || v.isNull()) return map;
        if (!v.isObject()) throw new ConfigException(name(field) + ": expected an object of strings, got " + describe(v));
        v.properties().forEach(e -> {
            JsonNode val = e.getValue();
            if (val.isContainerNode()) {
                throw new ConfigException(name(field) + "." + e.getKey() + ": expected a string, got " + describe(val));
            }
            map.put(e.getKey(), val.asText());
        });
        return map;
    }

    public List<String> stringList(String field, List<String> fallback) {
        JsonNode v = get(field);
        if (v == null || v.isNull()) return fallback;
        if (!v.isArray()) throw new ConfigException(name(field) + ": expected an array of strings, got " + describe(v));
        List<String> list = new ArrayList<>();
        for (JsonNode item : v) {
            if (!item.isTextual()) throw new ConfigException(name(field) + ": expected strings, got " + describe(item));
            list.add(item.asText());
        }
        return list;
    }

    /** k6 stages: {@code [{duration: "30s", target: 50}, …]}. */
    public List<Stage> stages(String field) {
        JsonNode v = get(field);
        if (v == null || v.isNull()) return List.of();
        if (!v.isArray()) throw new ConfigException(name(field) + ": expected an array of {duration, target}, got " + describe(v));
        List<Stage> stages = new ArrayList<>();
        int i = 0;
        for (JsonNode item : v) {
            OptionReader stage = new OptionReader(item, name(field) + "[" + i++ + "]");
            stage.rejectUnknown(Set.of("duration", "target"));
            stages.add(new Stage(stage.requiredDuration("duration"), stage.requiredInteger("target", 0)));
        }
        return stages;
    }

    public OptionReader child(String field) {
        return new OptionReader(get(field), name(field));
    }

    public JsonNode raw(String field) {
        return get(field);
    }

    public static String describe(JsonNode v) {
        if (v.isTextual()) return "\"" + v.asText() + "\"";
        if (v.isObject()) return "an object";
        if (v.isArray()) return "an array";
        return v.toString();
    }
}
