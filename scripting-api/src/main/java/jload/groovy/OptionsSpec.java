package jload.groovy;

import groovy.lang.Closure;
import groovy.lang.DelegatesTo;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code options { … }} block: k6's options object, written as calls.
 *
 * <pre>{@code
 * options {
 *     vus 50
 *     duration '1m'
 *     threshold 'ws_rtt', 'p(95)<50', 'p(99)<100'
 *     threshold 'checks', 'rate>0.99', abortOnFail: true, delayAbortEval: '10s'
 *     scenario('burst') { executor 'constant-arrival-rate'; rate 100; timeUnit '1s'; duration '30s'; preAllocatedVUs 50 }
 * }
 * }</pre>
 */
public final class OptionsSpec extends OptionMap {
    @Override
    String blockName() {
        return "options { }";
    }

    /** Pass/fail criteria for a metric (or a sub-metric, {@code 'ws_rtt{name:echo}'}), each a k6 threshold expression. */
    public void threshold(String metric, String... expressions) {
        thresholdList(metric).addAll(Arrays.asList(expressions));
    }

    /**
     * Thresholds with k6's per-threshold settings, as named arguments: {@code abortOnFail}
     * (stop the test when it fails) and {@code delayAbortEval} (not before this much of the test).
     */
    public void threshold(Map<String, ?> settings, String metric, String... expressions) {
        for (String key : settings.keySet()) {
            if (!key.equals("abortOnFail") && !key.equals("delayAbortEval")) {
                throw new IllegalArgumentException("threshold '" + metric + "': unknown setting '" + key
                        + "'; expected abortOnFail or delayAbortEval");
            }
        }
        List<Object> list = thresholdList(metric);
        for (String expression : expressions) {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("threshold", expression);
            t.putAll(settings);
            list.add(t);
        }
    }

    @SuppressWarnings("unchecked")
    private List<Object> thresholdList(String metric) {
        Map<String, Object> thresholds = (Map<String, Object>) values.computeIfAbsent("thresholds", k -> new LinkedHashMap<>());
        return (List<Object>) thresholds.computeIfAbsent(metric, k -> new ArrayList<>());
    }

    /** A named scenario (k6's {@code options.scenarios[name]}). */
    @SuppressWarnings("unchecked")
    public void scenario(String name, @DelegatesTo(value = ScenarioSpec.class, strategy = Closure.DELEGATE_FIRST) Closure<?> spec) {
        ScenarioSpec scenario = new ScenarioSpec(name);
        JloadScript.runWith(scenario, spec);
        Map<String, Object> scenarios = (Map<String, Object>) values.computeIfAbsent("scenarios", k -> new LinkedHashMap<>());
        if (scenarios.put(name, scenario.toMap()) != null) {
            throw new IllegalArgumentException("scenario '" + name + "' is declared twice");
        }
    }

    /** The statistics the summary shows for trends, e.g. {@code 'avg', 'p(95)', 'p(99.9)', 'count'}. */
    public void summaryTrendStats(String... stats) {
        values.put("summaryTrendStats", List.of(stats));
    }

    public void setupTimeout(String timeout) {
        values.put("setupTimeout", timeout);
    }

    public void teardownTimeout(String timeout) {
        values.put("teardownTimeout", timeout);
    }

    /** Runs without judging thresholds (as {@code --no-thresholds}). */
    public void noThresholds(boolean noThresholds) {
        values.put("noThresholds", noThresholds);
    }

    // The HTTP client's options (k6's names and meanings).

    /** Requests keep no body unless they ask for one (responseType). */
    public void discardResponseBodies(boolean discard) {
        values.put("discardResponseBodies", discard);
    }

    public void maxRedirects(int redirects) {
        values.put("maxRedirects", redirects);
    }

    /** The User-Agent header; an empty string sends none. */
    public void userAgent(String agent) {
        values.put("userAgent", agent);
    }

    /** A new connection for every request. */
    public void noConnectionReuse(boolean none) {
        values.put("noConnectionReuse", none);
    }

    /** No connection kept from one iteration to the next. */
    public void noVUConnectionReuse(boolean none) {
        values.put("noVUConnectionReuse", none);
    }

    public void insecureSkipTLSVerify(boolean skip) {
        values.put("insecureSkipTLSVerify", skip);
    }

    /** Names resolved to these addresses ("1.2.3.4" or "1.2.3.4:8080"), as /etc/hosts would. */
    public void hosts(java.util.Map<String, String> hosts) {
        values.put("hosts", java.util.Map.copyOf(hosts));
    }

    /** How many requests of one http.batch run at once, in all and per host. */
    public void batch(int parallel) {
        values.put("batch", parallel);
    }

    public void batchPerHost(int parallel) {
        values.put("batchPerHost", parallel);
    }

    /** One TLS version ("tls1.2") for every connection. */
    public void tlsVersion(String version) {
        values.put("tlsVersion", version);
    }

    /** The TLS versions allowed: {@code tlsVersion min: 'tls1.2', max: 'tls1.3'}. */
    public void tlsVersion(java.util.Map<String, String> range) {
        values.put("tlsVersion", java.util.Map.copyOf(range));
    }

    public void tlsCipherSuites(String... suites) {
        values.put("tlsCipherSuites", List.of(suites));
    }
}
