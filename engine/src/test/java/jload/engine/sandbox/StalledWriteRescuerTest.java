package jload.engine.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.channels.SelectionKey;
import java.time.Duration;
import java.util.List;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.framing.Framedata;
import org.junit.jupiter.api.Test;

class StalledWriteRescuerTest {

    @Test
    void aReplyLeftQueuedWithoutWriteInterestIsWrittenSoonAndCounted() throws Exception {
        SandboxMetrics metrics = new SandboxMetrics();
        SandboxWebSocketServer server = new SandboxWebSocketServer(
                new InetSocketAddress(InetAddress.getByName(SandboxServer.HOST), 0),
                new UpgradeRouter(List.of(new EchoEndpoint(metrics))), metrics);
        server.start();
        try (HttpClient http = HttpClient.newHttpClient()) {
            server.awaitListening(Duration.ofSeconds(10));
            try (TestClient client = TestClient.connect(http, URI.create("ws://127.0.0.1:" + server.getPort() + "/ws/echo"))) {
                client.sendText("first");
                assertEquals("first", client.nextText());

                // What the race in Java-WebSocket's selector loop leaves behind: a reply in the connection's queue,
                // and a key that no longer asks to be told when the socket is writable.
                WebSocketImpl connection = (WebSocketImpl) server.getConnections().iterator().next();
                // First let the selector finish its pass over "first" (it drains the whole queue while the key is
                // writable): a reply put in before that would simply go out with it, and the test would see no stall.
                long settled = System.nanoTime() + Duration.ofSeconds(5).toNanos();
                while ((connection.getSelectionKey().interestOps() & SelectionKey.OP_WRITE) != 0 || !connection.outQueue.isEmpty()) {
                    if (System.nanoTime() > settled) throw new AssertionError("the selector kept write interest on an idle connection");
                    Thread.sleep(5);
                }
                Thread.sleep(100);
                connection.getSelectionKey().interestOps(SelectionKey.OP_READ);
                List<Framedata> frames = connection.getDraft().createFrames("stalled", false);
                connection.outQueue.put(connection.getDraft().createBinaryFrame(frames.get(0)));
                client.expectNothingFor(Duration.ofMillis(500)); // without the rescuer it would wait for the next write

                try (StalledWriteRescuer rescuer = StalledWriteRescuer.start(server, metrics, Duration.ofMillis(20))) {
                    assertEquals("stalled", client.nextText());
                }
                assertTrue(metrics.prometheusText().contains("\nsandbox_write_stalls_total 1\n"), metrics.prometheusText());
            }
        } finally {
            server.stop(1_000);
        }
    }

    @Test
    void repliesWrittenNormallyAreNotCountedAsStalls() throws Exception {
        try (SandboxServer sandbox = SandboxServer.start(0, 0, SandboxServer.DEFAULT_SECRET);
                HttpClient http = HttpClient.newHttpClient();
                TestClient client = TestClient.connect(http, URI.create(sandbox.wsBase() + "/ws/echo"))) {
            for (int i = 0; i < 200; i++) {
                client.sendText("m" + i);
                assertEquals("m" + i, client.nextText());
            }
            String metrics = http.send(java.net.http.HttpRequest.newBuilder(URI.create(sandbox.httpBase() + "/metrics")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).body();
            // The library's own race loses about one write in 6,000 (see StalledWriteRescuer): one real stall among
            // 200 echoes happens now and then (CI saw it once). A rescuer that took normal replies for stalled ones
            // would count many.
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\nsandbox_write_stalls_total (\\d+)\n").matcher(metrics);
            assertTrue(m.find(), metrics);
            assertTrue(Integer.parseInt(m.group(1)) <= 1, metrics);
        }
    }
}
