package jload.engine.proto.socketio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SioPacketTest {

    @Test
    void readsEventsAcksAndConnectAnswersWithTheirNamespaceAndAckId() {
        SioPacket e = SioPacket.parseMessage("42/chat,17[\"hello\",1,{\"a\":[2]}]");
        assertEquals(SioPacket.EVENT, e.type());
        assertEquals("/chat", e.namespace());
        assertEquals(17, e.ackId());
        assertEquals("hello", e.eventName());
        assertEquals("[1,{\"a\":[2]}]", e.argsJson());

        SioPacket ack = SioPacket.parseMessage("433[\"ok\"]");
        assertEquals(SioPacket.ACK, ack.type());
        assertEquals("/", ack.namespace());
        assertEquals(3, ack.ackId());
        assertEquals("[\"ok\"]", ack.argsJson());

        SioPacket connect = SioPacket.parseMessage("40{\"sid\":\"abc\"}");
        assertEquals("abc", connect.data().get("sid").asText());
        SioPacket refused = SioPacket.parseMessage("44/secure,{\"message\":\"not authorized\"}");
        assertEquals(SioPacket.CONNECT_ERROR, refused.type());
        assertEquals("/secure", refused.namespace());

        SioPacket bye = SioPacket.parseMessage("41/secure,");
        assertEquals(SioPacket.DISCONNECT, bye.type());
        assertNull(bye.data());
    }

    @Test
    void writesWhatTheServerExpects() {
        assertEquals("40", SioPacket.encode(SioPacket.CONNECT, "/", -1, null));
        assertEquals("40/secure,{\"token\":\"t\"}", SioPacket.encode(SioPacket.CONNECT, "/secure", -1, "{\"token\":\"t\"}"));
        assertEquals("42[\"echo\",\"hi\",{\"n\":1}]", SioPacket.encode(SioPacket.EVENT, "/", -1, SioPacket.eventData("echo", "[\"hi\",{\"n\":1}]")));
        assertEquals("42/chat,5[\"ping\"]", SioPacket.encode(SioPacket.EVENT, "/chat", 5, SioPacket.eventData("ping", "[]")));
        assertEquals("41/chat,", SioPacket.encode(SioPacket.DISCONNECT, "/chat", -1, null));
        assertEquals("41", SioPacket.encode(SioPacket.DISCONNECT, "/", -1, null));
    }

    @Test
    void malformedPacketsAreRefusedWithTheFrameInTheMessage() {
        assertTrue(assertThrows(SioProtocolException.class, () -> SioPacket.parseMessage("49[]")).getMessage().contains("49[]"));
        assertThrows(SioProtocolException.class, () -> SioPacket.parseMessage("42[\"unterminated"));
        assertThrows(SioProtocolException.class, () -> SioPacket.parseMessage("42{\"not\":\"an array\"}"));
        assertThrows(SioProtocolException.class, () -> SioPacket.parseMessage("42[1,2]")); // the name must be a string
        assertThrows(SioProtocolException.class, () -> SioPacket.parseMessage("41[\"payload\"]"));
        assertThrows(SioProtocolException.class, () -> SioPacket.parseMessage("451[\"no dash\"]"));
        assertThrows(IllegalArgumentException.class, () -> SioPacket.eventData("disconnect", "[]"));
        assertThrows(IllegalArgumentException.class, () -> SioPacket.eventData("x", "[1,]"));
        assertFalse(SioPacket.looksValid("hello"));
        assertFalse(SioPacket.looksValid("48"));
        assertTrue(SioPacket.looksValid("2"));
        assertTrue(SioPacket.looksValid("42[\"x\"]"));
    }

    @Test
    void aVusWaitReadsEventsAndAcksByCuttingTheFrameAndStillChecksTheirJson() {
        SioPacket.Event e = SioPacket.event("4217[\"hello\",1,{\"a\":[2]}]", "/", "42");
        assertEquals("hello", e.name());
        assertEquals(17, e.ackId());
        assertEquals("[1,{\"a\":[2]}]", e.args("frame"));
        assertEquals("[]", SioPacket.event("42/chat,[\"ping\"]", "/chat", "42/chat,").args("frame"));
        // Written otherwise than JSON.stringify writes (spaces, an escaped name): parsed the long way, the same answer.
        SioPacket.Event spaced = SioPacket.event("42[ \"say\" , \"hi\" ]", "/", "42");
        assertEquals("say", spaced.name());
        assertEquals("[\"hi\"]", spaced.args("frame"));
        assertEquals("a\"b", SioPacket.event("42[\"a\\\"b\",1]", "/", "42").name());
        // Another namespace's event, or not an event: none of this namespace's.
        assertNull(SioPacket.event("42/chat,[\"x\"]", "/", "42"));
        assertNull(SioPacket.event("43[\"x\"]", "/", "42"));
        // Cut, but its JSON is checked before a script sees it.
        SioPacket.Event broken = SioPacket.event("42[\"x\",{\"a\":]", "/", "42");
        assertThrows(SioProtocolException.class, () -> broken.args("frame"));
        assertThrows(SioProtocolException.class, () -> SioPacket.event("42[\"x\"]trailing", "/", "42"));

        assertEquals("[\"ok\",2]", SioPacket.ackArgs("4312[\"ok\",2]", 4));
        assertThrows(SioProtocolException.class, () -> SioPacket.ackArgs("4312{\"ok\":2}", 4));
        assertThrows(SioProtocolException.class, () -> SioPacket.ackArgs("4312[\"ok\"", 4));
        assertEquals("[\"q\\\"\",\"\\u00e9\"]", SioPacket.eventData("q\"", "[\"\\u00e9\"]"));
        assertEquals("[\"é\"]", SioPacket.eventData("é", " [ ] "));
    }

    @Test
    void binaryAttachmentsBecomeBase64ObjectsAndBack() {
        assertEquals("42/chat,[\"file\",{\"name\":\"a\",\"data\":{\"_binary\":\"AQID\"}}]",
                SioPacket.withAttachments("451-/chat,[\"file\",{\"name\":\"a\",\"data\":{\"_placeholder\":true,\"num\":0}}]",
                        java.util.List.of(new byte[] {1, 2, 3})));
        assertEquals("437[{\"_binary\":\"/w==\"}]", SioPacket.withAttachments("461-7[{\"_placeholder\":true,\"num\":0}]",
                java.util.List.of(new byte[] {(byte) 255})));
        assertThrows(SioProtocolException.class, () -> SioPacket.withAttachments("451-[\"x\",{\"_placeholder\":true,\"num\":1}]",
                java.util.List.of(new byte[] {1})));

        var out = SioPacket.binaryPacket(SioPacket.EVENT, "/", 3, "[\"x\",{\"_binary\":\"AQID\"},2]");
        assertEquals("451-3[\"x\",{\"_placeholder\":true,\"num\":0},2]", out.getKey());
        assertEquals(java.util.List.of(1, 2, 3), java.util.stream.IntStream.range(0, 3).map(k -> out.getValue().get(0)[k]).boxed().toList());
        assertNull(SioPacket.binaryPacket(SioPacket.EVENT, "/", -1, "[\"x\",1]"));
        assertEquals("461-/chat,4[{\"_placeholder\":true,\"num\":0}]",
                SioPacket.binaryPacket(SioPacket.ACK, "/chat", 4, "[{\"_binary\":\"/w==\"}]").getKey());
    }
}
