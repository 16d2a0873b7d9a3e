package jload.engine.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import jload.engine.report.HtmlPage;
import jload.engine.report.ReportModel;
import jload.engine.report.RunRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code jload compare A B -o diff.html}: two runs kept with {@code --out hdr} side by side — each verdict, every
 * metric with its change, and the time charts overlaid by seconds since each run's start (B dashed).
 */
@Command(name = "compare", description = "Put two runs kept with --out hdr=DIR side by side in one HTML page.")
public final class CompareCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "A", description = "The first run's folder (before).")
    Path a;

    @Parameters(index = "1", paramLabel = "B", description = "The second run's folder (after).")
    Path b;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", defaultValue = "compare.html", description = "Where the page goes (default: ${DEFAULT-VALUE}).")
    Path output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return ReportCommand.PageWriter.write(spec, output,
                () -> HtmlPage.compare(ReportModel.of(RunRecord.read(a)), ReportModel.of(RunRecord.read(b))));
    }
}
