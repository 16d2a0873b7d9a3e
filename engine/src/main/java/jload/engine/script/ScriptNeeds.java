package jload.engine.script;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import jload.engine.script.js.JsImports;

/**
 * What a scenario talks to, read from its source before it runs, so that {@code --sandbox} can give it a Redis or a
 * MongoDB of its own and jload can warm up the clients it will use: a JS script's imports (its local files' too), a
 * Groovy scenario's {@code redis.client} / {@code mongo.client} / {@code http.get…} calls.
 */
public record ScriptNeeds(boolean redis, boolean mongo, boolean http) {
    static final Set<String> REDIS_MODULES = Set.of("jload/redis", "k6/x/redis", "k6/experimental/redis");
    static final Set<String> MONGO_MODULES = Set.of("jload/mongo", "k6/x/mongo");
    private static final Pattern GROOVY_REDIS = Pattern.compile("\\bredis\\s*\\.\\s*client\\b");
    private static final Pattern GROOVY_MONGO = Pattern.compile("\\bmongo\\s*\\.\\s*client\\b");
    private static final Pattern GROOVY_HTTP = Pattern.compile("\\bhttp\\s*\\.\\s*(get|post|put|patch|delete|head|request)\\b");

    public static ScriptNeeds of(Path script, List<Path> readableRoots) {
        if (script.getFileName().toString().endsWith(".groovy")) {
            try {
                String source = Files.readString(script);
                return new ScriptNeeds(GROOVY_REDIS.matcher(source).find(), GROOVY_MONGO.matcher(source).find(),
                        GROOVY_HTTP.matcher(source).find());
            } catch (IOException e) {
                return new ScriptNeeds(false, false, false); // loading the script reports it
            }
        }
        Set<String> imported = JsImports.specifiers(script, readableRoots); // one read of the script and its local files
        return new ScriptNeeds(REDIS_MODULES.stream().anyMatch(imported::contains), MONGO_MODULES.stream().anyMatch(imported::contains),
                imported.contains("k6/http"));
    }
}
