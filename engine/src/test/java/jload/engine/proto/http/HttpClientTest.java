package jload.engine.proto.http;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HttpClientTest {
    @Test
    void godebugHttp2clientZeroKeepsToHttp11AsK6sForceHttp1Reads() {
        assertTrue(HttpClient.http2Disabled("http2client=0"));
        assertTrue(HttpClient.http2Disabled("madvdontneed=1,http2client=0"));
        assertFalse(HttpClient.http2Disabled("http2client=1"));
        assertFalse(HttpClient.http2Disabled("x=1, http2client=0")); // k6 trims commas, not spaces
        assertFalse(HttpClient.http2Disabled(null));
        assertFalse(HttpClient.http2Disabled(""));
    }
}
