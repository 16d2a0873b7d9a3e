package jload.engine.sandbox;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A fresh sandbox on free ports and an HTTP client per test, both closed afterwards. */
abstract class SandboxTestSupport {
    SandboxServer sandbox;
    HttpClient http;

    @BeforeEach
    void startSandbox() throws Exception {
        sandbox = SandboxServer.start(0, 0, SandboxServer.DEFAULT_SECRET);
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterEach
    void stopSandbox() {
        if (http != null) http.close();
        if (sandbox != null) sandbox.close();
    }

    URI ws(String pathAndQuery) {
        return URI.create(sandbox.wsBase() + pathAndQuery);
    }

    URI httpUri(String path) {
        return URI.create(sandbox.httpBase() + path);
    }

    TestClient connect(String pathAndQuery) {
        return TestClient.connect(http, ws(pathAndQuery));
    }
}
