package jload.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.DefaultSSLWebSocketServerFactory;
import org.java_websocket.server.WebSocketServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** wss:// against a self-signed local server: refused by default, accepted with --insecure-skip-tls-verify. */
class TlsTest {
    @TempDir
    Path dir;
    private WebSocketServer server;

    @BeforeEach
    void startSelfSignedEchoServer() throws Exception {
        SSLContext tls = TestCertificates.serverContext(TestCertificates.keyStore(dir, "sandbox", "RSA", "CN=127.0.0.1", "ip:127.0.0.1"));
        CountDownLatch started = new CountDownLatch(1);
        server = new WebSocketServer(new InetSocketAddress("127.0.0.1", 0)) {
            @Override public void onOpen(WebSocket conn, ClientHandshake handshake) {}
            @Override public void onClose(WebSocket conn, int code, String reason, boolean remote) {}
            @Override public void onMessage(WebSocket conn, String message) { conn.send(message); }
            @Override public void onError(WebSocket conn, Exception ex) {}
            @Override public void onStart() { started.countDown(); }
        };
        server.setWebSocketFactory(new DefaultSSLWebSocketServerFactory(tls));
        server.start();
        assertTrue(started.await(10, TimeUnit.SECONDS));
    }

    @AfterEach
    void stop() throws InterruptedException {
        server.stop(1000);
    }

    private Jload.Result run(String... flags) {
        return Jload.runScript(dir, """
                import { ws } from 'jload';
                import { check } from 'k6';
                export const options = { iterations: 1 };
                export default function () {
                  const s = ws.connect(`wss://127.0.0.1:%d/secure`, { timeout: '20s' }); // a cold JVM's first TLS handshakes can be slow
                  console.log(`OK=${s.ok} ERROR=${s.error}`);
                  if (s.ok) {
                    s.send('over tls');
                    console.log(`ECHO=${s.expect((m) => m.text === 'over tls', { timeout: '5s' }) !== null}`);
                    s.close();
                  }
                }
                """.formatted(server.getPort()), flags);
    }

    @Test
    void aSelfSignedCertificateIsRefusedByDefault() throws Exception {
        Path points = dir.resolve("points.jsonl");
        Jload.Result r = run("--out", "json=" + points);
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.stderr().contains("OK=false"), r::toString);
        // The reason names what failed, for the person reading the log.
        assertTrue(r.stderr().matches("(?s).*ERROR=.*(certificat|PKIX|trust).*"), r::toString);
        assertTrue(java.nio.file.Files.readString(points).contains("\"kind\":\"tls\""), "counted as ws_errors{kind:tls}");
    }

    @Test
    void insecureSkipTlsVerifyAcceptsIt() {
        Jload.Result r = run("--insecure-skip-tls-verify");
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.stderr().contains("OK=true"), r::toString);
        assertTrue(r.stderr().contains("ECHO=true"), r::toString);
    }
}
