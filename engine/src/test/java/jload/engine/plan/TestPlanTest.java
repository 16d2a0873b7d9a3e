package jload.engine.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TestPlanTest {
    private static TestPlan plan(String optionsJson, CliOverrides cli) throws Exception {
        return PlanBuilder.build(Path.of("x.js"), new ObjectMapper().readTree(optionsJson), cli, Map.of(),
                Set.of("default", "b"), w -> {});
    }

    @Test
    void vusAreInitialisedForThePeakOfOverlappingScenarios() throws Exception {
        TestPlan p = plan("""
                { "scenarios": {
                    "a": { "executor": "constant-vus", "vus": 10, "duration": "10s", "gracefulStop": "0s" },
                    "b": { "executor": "constant-vus", "vus": 4, "duration": "10s", "startTime": "10s", "exec": "b" },
                    "c": { "executor": "constant-arrival-rate", "rate": 1, "duration": "5s", "preAllocatedVUs": 3,
                           "maxVUs": 50, "startTime": "12s" } } }
                """, CliOverrides.none());
        // a (0–10 s) is over when b starts; b and c overlap: 4 + 3.
        assertEquals(10, p.initialVus());
    }

    @Test
    void overlappingScenariosAddUp() throws Exception {
        TestPlan p = plan("""
                { "scenarios": {
                    "a": { "executor": "constant-vus", "vus": 10, "duration": "10s" },
                    "b": { "executor": "constant-vus", "vus": 4, "duration": "10s", "startTime": "5s", "exec": "b" } } }
                """, CliOverrides.none());
        assertEquals(14, p.initialVus());
    }

    @Test
    void cliShortcutsReplaceDurationIterationsStagesAndScenariosButVusMergesAlone() throws Exception {
        String options = """
                { "vus": 3, "duration": "30s" }
                """;
        TestPlan vusOnly = plan(options, new CliOverrides(8, null, null, null, Map.of(), null, null, null));
        assertEquals("constant-vus", vusOnly.scenarios().getFirst().common().executor());
        assertEquals(8, vusOnly.scenarios().getFirst().maxVus());
        assertEquals(java.time.Duration.ofSeconds(30), vusOnly.scenarios().getFirst().maxDuration());

        TestPlan iterations = plan(options, new CliOverrides(null, null, 12L, null, Map.of(), null, null, null));
        assertEquals("shared-iterations", iterations.scenarios().getFirst().common().executor());
        assertEquals(3, iterations.scenarios().getFirst().maxVus());
    }

    @Test
    void environmentOptionsSitBetweenScriptAndCli() throws Exception {
        CliOverrides env = CliOverrides.fromEnvironment(Map.of("K6_VUS", "5", "K6_DURATION", "2s", "JLOAD_VUS", "6"));
        TestPlan p = plan("{ \"vus\": 1, \"iterations\": 100 }", CliOverrides.none().over(env));
        assertEquals("constant-vus", p.scenarios().getFirst().common().executor(), "env duration replaces script iterations");
        assertEquals(6, p.scenarios().getFirst().maxVus(), "JLOAD_ wins over K6_");
        TestPlan cli = plan("{}", new CliOverrides(2, null, null, null, Map.of(), null, null, null).over(env));
        assertEquals(2, cli.scenarios().getFirst().maxVus(), "CLI wins over env");
    }
}
