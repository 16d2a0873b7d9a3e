package jload.engine.proto.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class WsUrlsTest {
    @Test
    void aUrlAsWrittenHidesUserInfoAndQueryOnly() {
        assertEquals("wss:///", WsUrls.asWritten("wss:///"));
        assertEquals("ws://***@host:8080/path#frag", WsUrls.asWritten("ws://alice:secret@host:8080/path#frag"));
        assertEquals("ws://***@host/", WsUrls.asWritten("ws://TOKEN123@host/"));
        assertEquals("ws://***@host/x", WsUrls.asWritten("ws://u:p@ss@host/x"));
        assertEquals("ws://host/x?…", WsUrls.asWritten("ws://host/x?token=abc&y=1"));
        assertEquals("ws://host/x?…#f", WsUrls.asWritten("ws://host/x?token=abc#f"));
        assertEquals("ws://[not a url", WsUrls.asWritten("ws://[not a url"));
        assertEquals("ws://***@[not a url", WsUrls.asWritten("ws://alice:s3cr3t@[not a url"));
    }
}
