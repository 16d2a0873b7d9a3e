package jload.engine.output;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import jload.engine.metrics.Metric;
import jload.engine.metrics.MetricRegistry;
import jload.engine.metrics.MetricType;
import jload.engine.metrics.TagSet;
import jload.engine.metrics.ValueKind;
import jload.engine.timeline.Interval;
import jload.engine.timeline.SeriesInterval;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** A dashboard page that stops reading holds up neither the run's intervals, nor its end, nor the other pages. */
class LiveDashboardTest {
    /**
     * Series enough, with names long enough (URLs, say), that each update is hundreds of kilobytes (a table row per
     * name): the stalled page's socket fills.
     */
    private static final int NAMES = 1_000;
    private static final String LONG = "/api/v1/organisations/acme/projects/realtime/".repeat(5);

    private static Interval interval(Metric rtt, int i) {
        List<SeriesInterval> series = new ArrayList<>();
        for (int n = 0; n < NAMES; n++) {
            Histogram h = new Histogram(3);
            h.recordValue(1000 + n + i);
            series.add(new SeriesInterval(rtt, TagSet.of("name", LONG + n), 0, 0, 0, h));
        }
        return new Interval(10_000 + i * 1000L, 11_000 + i * 1000L, series);
    }

    private static Socket follow(int port, int receiveBuffer) throws Exception {
        Socket s = new Socket();
        s.setReceiveBufferSize(receiveBuffer); // before connecting: the window the server may fill
        s.connect(new InetSocketAddress("127.0.0.1", port));
        s.getOutputStream().write(("GET /events HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        return s;
    }

    @Test
    void aPageThatStopsReadingHoldsUpNoOne() throws Exception {
        Metric rtt = new MetricRegistry().register("ws_rtt", MetricType.TREND, ValueKind.TIME);
        LiveDashboard dashboard = new LiveDashboard("127.0.0.1", 0, Map.of("script", "x.js"), 1000, null, () -> 0);
        int port = Integer.parseInt(dashboard.url().replaceAll(".*:(\\d+)/$", "$1"));
        try (Socket stalled = follow(port, 4096); Socket reader = follow(port, 1 << 20)) {
            CompletableFuture<long[]> read = CompletableFuture.supplyAsync(() -> { // bytes, and 1 once the last event came
                long bytes = 0;
                byte[] buffer = new byte[1 << 16];
                StringBuilder tail = new StringBuilder();
                try (InputStream in = reader.getInputStream()) {
                    for (int got; (got = in.read(buffer)) > 0; ) {
                        bytes += got;
                        tail.append(new String(buffer, 0, got, StandardCharsets.ISO_8859_1));
                        if (tail.indexOf("\"finished\":true") >= 0) return new long[] {bytes, 1};
                        tail.delete(0, Math.max(0, tail.length() - 32));
                    }
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                return new long[] {bytes, 0};
            });
            Thread.sleep(200); // both pages are following

            long start = System.nanoTime();
            for (int i = 0; i < 20; i++) dashboard.onInterval(interval(rtt, i));
            dashboard.finish(new ObjectMapper().createObjectNode());
            long intervalsMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            long[] got = read.get(60, TimeUnit.SECONDS);
            long closeStart = System.nanoTime();
            dashboard.close();
            long closeMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - closeStart);

            assertTrue(got[1] == 1, "the reading page got the run's end");
            // More than the stalled page's socket can take in (4 MB: the send buffer's ceiling here, tcp_wmem), so its
            // sender was stuck in a write for the rest of the run.
            assertTrue(got[0] > 6L << 20, "the updates were too small to fill a socket: " + got[0] + " bytes");
            assertTrue(intervalsMillis < 30_000, "20 intervals took " + intervalsMillis + " ms");
            assertTrue(closeMillis < 5_000, "closing waits a second at most for a page, not for ever: " + closeMillis + " ms");
            try (OutputStream ignored = stalled.getOutputStream()) {
                assertTrue(stalled.getInputStream().available() > 0, "the stalled page was sent something");
            }
        } finally {
            dashboard.close();
        }
    }
}
