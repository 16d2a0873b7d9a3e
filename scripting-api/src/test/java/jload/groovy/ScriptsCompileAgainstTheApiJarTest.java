package jload.groovy;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import groovy.lang.GroovyClassLoader;
import groovy.lang.GroovyCodeSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.codehaus.groovy.control.CompilerConfiguration;
import org.junit.jupiter.api.Test;

/**
 * What an IDE sees: this module's class path is the API and Groovy, no engine. Every Groovy
 * example must compile here with Groovy's defaults (no script base class, no extra imports, none
 * of what jload adds when it runs them) and, through its {@code @BaseScript} line, be a
 * {@link JloadScript}: so a user with the API jar gets resolution and completion for all of it.
 */
class ScriptsCompileAgainstTheApiJarTest {
    private static final Path EXAMPLES = Path.of("..", "examples");

    @Test
    void everyGroovyExampleCompilesWithOnlyTheApiAndIsAJloadScript() throws IOException {
        List<Path> scripts;
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            scripts = files.filter(p -> p.toString().endsWith(".groovy")).sorted().toList();
        }
        assertFalse(scripts.isEmpty(), "no Groovy examples in " + EXAMPLES.toAbsolutePath());
        for (Path script : scripts) {
            try (GroovyClassLoader loader = new GroovyClassLoader(getClass().getClassLoader(), new CompilerConfiguration())) {
                Class<?> compiled = loader.parseClass(new GroovyCodeSource(script.toFile(), "UTF-8"));
                assertTrue(JloadScript.class.isAssignableFrom(compiled),
                        script + " should start with `@BaseScript JloadScript jload` so that IDEs know its API");
            }
        }
    }
}
