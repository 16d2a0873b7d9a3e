package jload.groovy;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One entry of k6's {@code options.scenarios}: {@code scenario('burst') { executor
 * 'constant-arrival-rate'; rate 100; timeUnit '1s'; duration '30s'; preAllocatedVUs 50 }}.
 */
public final class ScenarioSpec extends OptionMap {
    private final String name;

    ScenarioSpec(String name) {
        this.name = name;
    }

    @Override
    String blockName() {
        return "scenario('" + name + "') { }";
    }

    /** shared-iterations, per-vu-iterations, constant-vus, ramping-vus, constant-arrival-rate, ramping-arrival-rate. */
    public void executor(String executor) {
        values.put("executor", executor);
    }

    /** The function this scenario iterates: the name given to {@code iteration('name') { … }}. */
    public void exec(String function) {
        values.put("exec", function);
    }

    public void startTime(String startTime) {
        values.put("startTime", startTime);
    }

    public void gracefulStop(String gracefulStop) {
        values.put("gracefulStop", gracefulStop);
    }

    public void gracefulRampDown(String gracefulRampDown) {
        values.put("gracefulRampDown", gracefulRampDown);
    }

    public void maxDuration(String maxDuration) {
        values.put("maxDuration", maxDuration);
    }

    public void startVUs(int startVUs) {
        values.put("startVUs", startVUs);
    }

    public void rate(int rate) {
        values.put("rate", rate);
    }

    public void startRate(int startRate) {
        values.put("startRate", startRate);
    }

    public void timeUnit(String timeUnit) {
        values.put("timeUnit", timeUnit);
    }

    public void preAllocatedVUs(int preAllocatedVUs) {
        values.put("preAllocatedVUs", preAllocatedVUs);
    }

    public void maxVUs(int maxVUs) {
        values.put("maxVUs", maxVUs);
    }

    /** Variables laid over the run's {@code env} for this scenario's VUs. */
    public void env(Map<String, ?> env) {
        values.put("env", new LinkedHashMap<>(env));
    }
}
