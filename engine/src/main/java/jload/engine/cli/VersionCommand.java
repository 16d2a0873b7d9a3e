package jload.engine.cli;

import java.util.concurrent.Callable;
import jload.engine.script.js.JsRuntime;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code jload version}: jload's version, the JVM, and whether scripts are JIT-compiled (and if not, why). */
@Command(name = "version", description = "Show jload's version and how it runs scripts.")
public final class VersionCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        for (String line : new Provider().getVersion()) System.out.println(line);
        return ExitCode.OK;
    }

    static String jloadVersion() {
        return BuildInfo.jloadVersion();
    }

    public static final class Provider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String impl = JsRuntime.engineDescription()[1];
            boolean jit = !impl.toLowerCase(java.util.Locale.ROOT).contains("interpreted");
            String reason = System.getProperty("jload.compilation.reason", "");
            return new String[] {
                "jload " + jloadVersion(),
                "java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")",
                "javascript: GraalJS " + BuildInfo.graalVersion()
                        + ", " + (jit ? "runtime compilation on (" + impl + ")"
                                      : "interpreted" + (reason.isEmpty() ? "" : ": " + reason)),
            };
        }
    }
}
