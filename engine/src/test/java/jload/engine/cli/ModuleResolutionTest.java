package jload.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How imports of k6's and jload's module names resolve: built in, aliased, or named as missing before any VU. */
class ModuleResolutionTest {
    @TempDir
    Path dir;

    @Test
    void everyMissingK6ModuleOfTheScriptAndItsImportsIsNamedAtOnceBeforeAnyVu() {
        Jload.script(dir, "lib/helpers.js", """
                import grpc from 'k6/net/grpc';
                export const helper = 1;
                """);
        Path other = dir.resolve("elsewhere");
        Jload.Result r = Jload.runScriptAs(other, "main.js", """
                import hmac from 'k6/crypto';
                import { check } from 'k6';
                import kafka from 'k6/x/kafka';
                import { helper } from '../lib/helpers.js';
                import { nothing } from 'jload/nope';
                export default function () { console.log('a VU ran'); }
                """, "--allow-read", dir.toString());
        assertEquals(107, r.exitCode(), r::toString);
        String err = r.stderr();
        assertTrue(err.contains("the script imports 4 modules jload does not have:"), r::toString);
        assertTrue(err.matches("(?s).*main\\.js:1:18\\s+'k6/crypto': a k6 module jload does not have yet.*"), r::toString);
        assertTrue(err.matches("(?s).*main\\.js:3:19\\s+'k6/x/kafka': a k6 extension.*"), r::toString);
        assertTrue(err.matches("(?s).*helpers\\.js:1:18\\s+'k6/net/grpc': a k6 module jload does not have yet.*"), r::toString);
        assertTrue(err.matches("(?s).*main\\.js:5:25\\s+'jload/nope': not a jload module.*"), r::toString);
        assertFalse(err.contains("outside the folders"), "never looked up as a file\n" + r);
        assertFalse(err.contains("a VU ran"), r::toString);
        assertFalse(err.contains("\tat "), "no stack trace\n" + r);
    }

    @Test
    void aComputedImportOfAMissingModuleIsNamedInK6Terms() {
        Jload.Result r = Jload.runScript(dir, """
                const name = ['k6', 'crypto'].join('/');
                export default async function () { await import(name); }
                """, "-i", "1");
        assertTrue(r.stderr().contains("'k6/crypto' is a k6 module jload does not have yet"), r::toString);
        assertFalse(r.stderr().contains("outside the folders"), r::toString);
    }

    @Test
    void theNamesK6GaveTheSameApisBeforeAreAliases() {
        Jload.Result r = Jload.runScript(dir, """
                import { WebSocket } from 'k6/x/websockets';
                import { WebSocket as Experimental } from 'k6/experimental/websockets';
                import { setTimeout } from 'k6/experimental/timers';
                import { setInterval, clearInterval } from 'k6/x/timers';
                import { check } from 'k6';
                export const options = { iterations: 1, thresholds: { checks: ['rate==1'] } };
                export default function () {
                  check(WebSocket, { 'one WebSocket class': (w) => w === Experimental && typeof w === 'function' });
                  let ticks = 0;
                  const id = setInterval(() => { if (++ticks === 2) clearInterval(id); }, 5);
                  setTimeout(() => check(ticks, { 'timers run': (t) => t === 2 }), 100);
                }
                """);
        assertEquals(0, r.exitCode(), r::toString);
    }
}
