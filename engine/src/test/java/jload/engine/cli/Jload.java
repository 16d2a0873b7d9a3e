package jload.engine.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Runs the real CLI entry point in-process, capturing what a user would see. */
final class Jload {
    record Result(int exitCode, String stdout, String stderr) {
        /** The --summary-export file written by the run. */
        JsonNode export(Path file) {
            try {
                return new ObjectMapper().readTree(file.toFile());
            } catch (IOException e) {
                throw new UncheckedIOException("no summary export at " + file + "\nstderr:\n" + stderr, e);
            }
        }

        /** The JSON the script printed with {@code console.log('LOG ' + JSON.stringify(…))}. */
        String scriptLog() {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("LOG (\\[.*\\])").matcher(stderr);
            if (!m.find()) throw new AssertionError("the script printed no LOG line\n" + this);
            return m.group(1);
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr;
        }
    }

    private Jload() {}

    static synchronized Result run(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try (PrintStream po = new PrintStream(o, true, StandardCharsets.UTF_8);
             PrintStream pe = new PrintStream(e, true, StandardCharsets.UTF_8)) {
            System.setOut(po);
            System.setErr(pe);
            int code = Main.execute(args);
            return new Result(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    /** Writes {@code source} as test.js in {@code dir} and runs {@code jload run -q FLAGS test.js}. */
    static Result runScript(Path dir, String source, String... flags) {
        return runScriptAs(dir, "test.js", source, flags);
    }

    /** Writes {@code source} as {@code name} in {@code dir} (its extension picks the language) and runs it. */
    static Result runScriptAs(Path dir, String name, String source, String... flags) {
        Path s = script(dir, name, source);
        String[] args = new String[flags.length + 3];
        args[0] = "run";
        args[1] = "-q";
        System.arraycopy(flags, 0, args, 2, flags.length);
        args[args.length - 1] = s.toString();
        return run(args);
    }

    /** Writes a script file and returns its path. */
    static Path script(Path dir, String name, String source) {
        try {
            Path p = dir.resolve(name);
            Files.createDirectories(p.getParent());
            Files.writeString(p, source);
            return p;
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** A metric's value from a k6 summary export, e.g. value(export, "iterations", "count"). */
    /**
     * The run passed (exit 0), no iteration failed (no ERRO line), and every check ran and passed; the metrics of its
     * {@code --summary-export} file {@code summary}.
     */
    static JsonNode assertPassedEveryCheck(Result r, Path summary) {
        org.junit.jupiter.api.Assertions.assertEquals(0, r.exitCode(), r.toString());
        org.junit.jupiter.api.Assertions.assertTrue(!r.stderr().contains("ERRO"), () -> "an iteration failed:\n" + r);
        JsonNode m = r.export(summary).path("metrics");
        JsonNode checks = m.path("checks");
        org.junit.jupiter.api.Assertions.assertTrue(checks.path("passes").asInt() > 0 && checks.path("fails").asInt() == 0,
                () -> "checks: " + checks + "\n" + r);
        return m;
    }

    /**
     * Runs {@code script} in {@code dir} with {@code flags} and a summary export, and asserts it passed every check
     * ({@link #assertPassedEveryCheck}); its metrics.
     */
    static JsonNode runPassing(Path dir, String script, String... flags) {
        String[] all = java.util.Arrays.copyOf(flags, flags.length + 2);
        all[flags.length] = "--summary-export";
        all[flags.length + 1] = dir.resolve("summary.json").toString();
        return assertPassedEveryCheck(runScript(dir, script, all), dir.resolve("summary.json"));
    }

    static double value(JsonNode export, String metric, String stat) {
        JsonNode m = export.path("metrics").path(metric);
        if (m.isMissingNode()) throw new AssertionError("no metric '" + metric + "' in " + export.path("metrics").toPrettyString());
        JsonNode v = m.path(stat);
        if (v.isMissingNode()) throw new AssertionError("metric '" + metric + "' has no '" + stat + "': " + m);
        return v.asDouble();
    }
}
