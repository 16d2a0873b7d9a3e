package jload.engine.proto.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.URI;
import java.util.Map;
import jload.engine.metrics.TagSet;
import org.junit.jupiter.api.Test;

/** Secrets in URLs (user info, query-string tokens) never reach a tag, and so never an output. */
class WsMetricsTest {
    @Test
    void socketTagsCarryNoPasswordOrToken() {
        URI uri = URI.create("wss://alice:hunter2@127.0.0.1:8443/ws/presence?token=SECRET.JWT#frag");
        TagSet tags = WsMetrics.socketTags(TagSet.of("scenario", "default"), Map.of(), uri);
        assertEquals("wss://127.0.0.1:8443/ws/presence", tags.get("url"));
        assertEquals("wss://127.0.0.1:8443/ws/presence", tags.get("name"));
        assertEquals("default", tags.get("scenario"));
        String all = tags.toString();
        assertFalse(all.contains("SECRET") || all.contains("hunter2") || all.contains("alice"), all);
    }

    @Test
    void aNameTagGroupsUrlsThatDiffer() {
        TagSet tags = WsMetrics.socketTags(TagSet.EMPTY, Map.of("name", "room"), URI.create("ws://h:1/rooms/42"));
        assertEquals("room", tags.get("name"));
        assertEquals("ws://h:1/rooms/42", tags.get("url"));
    }
}
