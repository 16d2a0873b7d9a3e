package jload.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Errors raised by jload's built-in modules, as a script catches them and as a user reads them. */
class ScriptErrorsTest {
    @TempDir
    Path dir;

    @Test
    void builtInModulesThrowJavaScriptErrorsAScriptCanCatch() {
        Jload.Result r = Jload.runScript(dir, """
                import { group, check } from 'k6';
                import exec from 'k6/execution';
                import { WebSocket } from 'k6/websockets';
                import { ws } from 'jload';
                export const options = { iterations: 1, thresholds: { checks: ['rate==1'] } };
                const caught = (f) => { try { f(); return 'nothing thrown'; } catch (e) { return e instanceof Error ? e.message : 'not an Error: ' + e; } };
                export default function () {
                  check(caught(() => group('a::b', () => {})), { 'group': (m) => m.includes("may not contain '::'") });
                  check(caught(() => new WebSocket(`${__ENV.TARGET}/ws/echo`, null, { nope: 1 })), { 'params': (m) => m.includes("unknown param 'nope'") });
                  check(caught(() => ws.connect('ws://[broken')), { 'url': (m) => m.includes('not a valid URL') });
                  check(caught(() => { exec.vu.tags.scenario = 'x'; }), { 'tags': (m) => m.includes('set by jload') });
                }
                """, "--sandbox");
        assertEquals(0, r.exitCode(), r::toString);
    }

    @Test
    void anUncaughtOneIsReportedAtTheScriptsLineNotInsideJload() {
        Jload.Result r = Jload.runScript(dir, """
                import { group } from 'k6';
                export default function () {
                  group('a::b', () => {});
                }
                """, "-i", "1");
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.stderr().contains("Error: group and check names may not contain '::'"), r::toString);
        assertTrue(r.stderr().contains("test.js:3:"), r::toString);
        assertFalse(r.stderr().contains("<jload>"), r::toString);
    }
}
