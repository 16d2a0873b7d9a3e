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
}
