package jload.groovy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the test's options and each scenario have in common: they build a part of k6's options
 * object, with k6's names, so a Groovy scenario and its JavaScript twin give the engine the same
 * JSON. Durations are k6's strings ({@code '30s'}, {@code '1m30s'}).
 */
public abstract class OptionMap {
    final Map<String, Object> values = new LinkedHashMap<>();

    public void vus(int vus) {
        values.put("vus", vus);
    }

    public void duration(String duration) {
        values.put("duration", duration);
    }

    public void iterations(int iterations) {
        values.put("iterations", iterations);
    }

    /** One stage of a ramp: reach {@code target} (VUs, or a rate for arrival-rate) over {@code duration}. */
    public void stage(String duration, int target) {
        @SuppressWarnings("unchecked")
        List<Object> stages = (List<Object>) values.computeIfAbsent("stages", k -> new ArrayList<>());
        Map<String, Object> stage = new LinkedHashMap<>();
        stage.put("duration", duration);
        stage.put("target", target);
        stages.add(stage);
    }

    /** Tags every sample of the test (or of the scenario) carries. */
    public void tags(Map<String, ?> tags) {
        values.put("tags", new LinkedHashMap<>(tags));
    }

    /** Any other k6 option, by its k6 name, as k6's JSON would have it. */
    public void option(String name, Object value) {
        values.put(name, value);
    }

    /** Groovy calls this for a name the block does not know (a typo, most often). */
    public Object methodMissing(String name, Object args) {
        throw new UnknownOption(blockName(), name, getClass(), args instanceof Object[] a ? a : new Object[] {args});
    }

    abstract String blockName();

    Map<String, Object> toMap() {
        return values;
    }
}
