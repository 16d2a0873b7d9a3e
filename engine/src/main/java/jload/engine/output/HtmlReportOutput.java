package jload.engine.output;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import jload.engine.report.HtmlPage;
import jload.engine.report.ReportModel;
import jload.engine.report.RunRecord;
import jload.engine.timeline.Interval;
import jload.engine.timeline.Stall;
import jload.engine.timeline.TimelineListener;

/**
 * {@code --out html=FILE}: the run's report, one self-contained page ({@link HtmlPage}), written when the run ends.
 * The intervals go to an {@code --out hdr} folder of its own while the run goes (a temporary one, removed after the
 * page is written), and the page is made from that folder as {@code jload report DIR} would make it.
 */
final class HtmlReportOutput implements TimelineListener, FinishedRun, AutoCloseable {
    private final Path html;
    private final Path folder;
    private final HdrLogOutput intervals;

    HtmlReportOutput(Path html, Duration every, Map<String, Object> run) throws IOException {
        this.html = html;
        Path parent = html.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        Files.writeString(html, ""); // a file that cannot be written says so before the test, not after it
        this.folder = Files.createTempDirectory("jload-report-");
        this.intervals = new HdrLogOutput(folder, every, run);
    }

    @Override
    public void onInterval(Interval interval) {
        intervals.onInterval(interval);
    }

    @Override
    public void onStall(Stall stall) {
        intervals.onStall(stall);
    }

    @Override
    public void finish(JsonNode summary) {
        intervals.finish(summary);
    }

    @Override
    public void close() throws IOException {
        try {
            intervals.close();
            Files.writeString(html, HtmlPage.report(ReportModel.of(RunRecord.read(folder))));
        } finally {
            try (Stream<Path> files = Files.walk(folder)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
