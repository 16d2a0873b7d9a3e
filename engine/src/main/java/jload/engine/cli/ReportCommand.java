package jload.engine.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import jload.engine.plan.ConfigException;
import jload.engine.report.HtmlPage;
import jload.engine.report.ReportModel;
import jload.engine.report.RunRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code jload report DIR -o report.html}: the self-contained HTML report of a run kept with {@code --out hdr=DIR}. */
@Command(name = "report", description = "Write the self-contained HTML report of a run kept with jload run --out hdr=DIR.")
public final class ReportCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "DIR", description = "A folder written by jload run --out hdr=DIR.")
    Path dir;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", defaultValue = "report.html", description = "Where the page goes (default: ${DEFAULT-VALUE}).")
    Path output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return PageWriter.write(spec, output, () -> HtmlPage.report(ReportModel.of(RunRecord.read(dir))));
    }

    /** Writes a page made by {@code page}; a bad folder or an unwritable file is one line and exit 104. */
    static final class PageWriter {
        private PageWriter() { }

        static int write(CommandSpec spec, Path output, java.util.function.Supplier<String> page) {
            var err = spec.commandLine().getErr();
            try {
                String html = page.get();
                Path parent = output.toAbsolutePath().getParent();
                if (parent != null) Files.createDirectories(parent);
                Files.writeString(output, html);
            } catch (ConfigException e) {
                err.println("jload " + spec.name() + ": " + e.getMessage());
                err.flush();
                return ExitCode.INVALID_CONFIG;
            } catch (IOException e) {
                err.println("jload " + spec.name() + ": " + output + ": cannot be written (" + e.getMessage() + ")");
                err.flush();
                return ExitCode.INVALID_CONFIG;
            }
            spec.commandLine().getOut().println("jload " + spec.name() + ": wrote " + output);
            spec.commandLine().getOut().flush();
            return ExitCode.OK;
        }
    }
}
