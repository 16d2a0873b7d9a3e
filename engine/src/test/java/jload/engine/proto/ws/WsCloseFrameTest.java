package jload.engine.proto.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

class WsCloseFrameTest {

    @Test
    void closeFramesCarryCodeAndReasonOnTheHeapNeverInDirectMemory() {
        // Netty's own constructor takes direct memory, whose JDK Cleaner lock once deadlocked an event loop
        // carrying VUs (see WsConnection.heapCloseFrame).
        var frame = WsConnection.heapCloseFrame(4000, "bye ✓");
        try {
            assertFalse(frame.content().isDirect());
            assertEquals(4000, frame.statusCode());
            assertEquals("bye ✓", frame.reasonText());
        } finally {
            frame.release();
        }
    }
}
