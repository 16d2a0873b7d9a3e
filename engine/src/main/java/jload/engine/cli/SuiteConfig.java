package jload.engine.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jload.engine.plan.ConfigException;

/**
 * A suite's config file (seed 001's runner config, in jload's words): shared {@code env} and {@code args} for every
 * scenario, an optional {@code metricsUrl} snapshotted around them, and the {@code scenarios} in order, each a
 * {@code script} with its own {@code name}, {@code env} and {@code args} laid over the shared ones.
 *
 * <pre>{@code
 * { "env": { "TARGET_SIO": "http://127.0.0.1:3000" }, "metricsUrl": "http://127.0.0.1:3000/metrics",
 *   "scenarios": [ { "script": "catch-up-burst.js", "env": { "EVENTS": "120" } },
 *                  { "script": "broadcast-burst.js", "name": "burst-with-outage", "env": { "OUTAGE_AT": "50" } } ] }
 * }</pre>
 *
 * Scripts are found next to the config file, else from the current folder. A field of the wrong shape is a
 * {@link ConfigException} naming it.
 */
record SuiteConfig(Map<String, String> env, List<String> args, String metricsUrl, List<Scenario> scenarios) {
    private static final Set<String> FIELDS = Set.of("env", "args", "metricsUrl", "scenarios");
    private static final Set<String> SCENARIO_FIELDS = Set.of("script", "name", "env", "args");

    record Scenario(String name, Path script, Map<String, String> env, List<String> args) {}

    static SuiteConfig read(Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(Files.readString(file));
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot be read as JSON (" + e.getMessage().lines().findFirst().orElse("") + ")");
        }
        if (root == null || !root.isObject()) throw new ConfigException(file + ": expected a JSON object with \"scenarios\"");
        unknown(root, FIELDS, file + "");
        Path base = file.toAbsolutePath().getParent();
        JsonNode list = root.path("scenarios");
        if (!list.isArray() || list.isEmpty()) throw new ConfigException(file + ": \"scenarios\" must be a non-empty array");
        List<Scenario> scenarios = new ArrayList<>();
        Set<String> names = new java.util.HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            String where = file + ": scenarios[" + i + "]";
            JsonNode s = list.get(i);
            if (!s.isObject() || !s.path("script").isTextual()) throw new ConfigException(where + ": expected an object with a \"script\"");
            unknown(s, SCENARIO_FIELDS, where);
            Path script = base.resolve(s.get("script").asText());
            if (!Files.isRegularFile(script)) script = Path.of(s.get("script").asText());
            if (!Files.isRegularFile(script)) throw new ConfigException(where + ".script: " + s.get("script").asText() + " not found next to the config or here");
            String name = s.path("name").isTextual() ? s.get("name").asText() : stem(script);
            if (!name.matches("[A-Za-z0-9_.-]+")) throw new ConfigException(where + ".name: '" + name + "' must be letters, digits, '.', '_' or '-'");
            if (!names.add(name)) throw new ConfigException(where + ".name: '" + name + "' is used twice; give each run a name");
            scenarios.add(new Scenario(name, script, strings(s.path("env"), where + ".env"), list(s.path("args"), where + ".args")));
        }
        JsonNode url = root.path("metricsUrl");
        if (!url.isMissingNode() && !url.isTextual()) throw new ConfigException(file + ": \"metricsUrl\" must be a URL");
        return new SuiteConfig(strings(root.path("env"), file + ": env"), list(root.path("args"), file + ": args"),
                url.isTextual() ? url.asText() : null, List.copyOf(scenarios));
    }

    private static String stem(Path script) {
        String f = script.getFileName().toString();
        int dot = f.lastIndexOf('.');
        return dot > 0 ? f.substring(0, dot) : f;
    }

    private static void unknown(JsonNode node, Set<String> known, String where) {
        node.fieldNames().forEachRemaining(f -> {
            if (!known.contains(f)) throw new ConfigException(where + ": unknown field \"" + f + "\"; expected one of " + new java.util.TreeSet<>(known));
        });
    }

    private static Map<String, String> strings(JsonNode node, String where) {
        if (node.isMissingNode() || node.isNull()) return Map.of();
        if (!node.isObject()) throw new ConfigException(where + ": expected an object of names and values");
        Map<String, String> out = new LinkedHashMap<>();
        node.properties().forEach(e -> {
            if (!e.getValue().isValueNode()) throw new ConfigException(where + "." + e.getKey() + ": expected a string or number");
            out.put(e.getKey(), e.getValue().asText());
        });
        return out;
    }

    private static List<String> list(JsonNode node, String where) {
        if (node.isMissingNode() || node.isNull()) return List.of();
        if (!node.isArray()) throw new ConfigException(where + ": expected an array of command-line arguments");
        List<String> out = new ArrayList<>();
        node.forEach(a -> {
            if (!a.isValueNode()) throw new ConfigException(where + ": expected strings");
            out.add(a.asText());
        });
        return out;
    }
}
