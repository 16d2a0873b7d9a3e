package jload.engine.script.js;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ImportScannerTest {
    private static List<String> found(String source) {
        return ImportScanner.scan(source).stream().map(i -> i.specifier() + "@" + i.line() + ":" + i.column()).toList();
    }

    @Test
    void everyFormOfStaticImportAndReExportIsFoundWithItsPosition() {
        assertEquals(List.of("k6/http@1:18", "k6@2:30", "./lib.js@3:8", "k6/x/kafka@5:3", "k6/metrics@6:30",
                        "k6/crypto@7:15", "k6/encoding@8:26"),
                found("""
                        import http from 'k6/http';
                        import { check, sleep } from "k6";
                        import './lib.js';
                        import * as kafka from
                          'k6/x/kafka';
                        export { Counter as C } from 'k6/metrics';
                        export * from 'k6/crypto';
                        const enc = await import('k6/encoding');
                        """));
    }

    @Test
    void commentsStringsTemplatesAndRegularExpressionsAreNotImports() {
        assertEquals(List.of("k6@9:23"), found("""
                // import http from 'k6/http';
                /* import ws from 'k6/ws'; */
                const a = "import x from 'k6/x/a'";
                const b = `import y from 'k6/x/b' ${ "}" + `nested ${1}` } import z from 'k6/x/c'`;
                const re = /import q from 'k6\\/x\\/d'/g;
                const half = 10 / 2; const other = 'import r from "k6/x/e"';
                obj.import('k6/x/f');
                const meta = import.meta.url;
                import { sleep } from 'k6';
                """));
    }
}
