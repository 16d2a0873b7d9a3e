package jload.engine.proto.socketio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One Socket.IO packet (protocol v5) as it travels in an Engine.IO v4 message over WebSocket:
 * {@code 4<type>[<attachments>-][<namespace>,][<ack id>][<JSON>]}, e.g. {@code 42/chat,17["hello",1]}.
 *
 * @param type      {@link #CONNECT} … {@link #BINARY_ACK}
 * @param namespace "/" when the packet names none
 * @param ackId     the ack id, -1 when there is none
 * @param data      the JSON payload, null when there is none
 */
public record SioPacket(int type, String namespace, long ackId, JsonNode data) {
    public static final int CONNECT = 0, DISCONNECT = 1, EVENT = 2, ACK = 3, CONNECT_ERROR = 4, BINARY_EVENT = 5, BINARY_ACK = 6;

    // Engine.IO v4 packet types, the first character of every text frame.
    public static final char EIO_OPEN = '0', EIO_CLOSE = '1', EIO_PING = '2', EIO_PONG = '3', EIO_MESSAGE = '4', EIO_UPGRADE = '5',
            EIO_NOOP = '6';

    /**
     * Jackson's buffers from one shared pool: by default it keeps them per thread, and every VU is a
     * (virtual) thread of its own, so each would allocate and keep its own.
     */
    private static final ObjectMapper JSON = new ObjectMapper(com.fasterxml.jackson.core.JsonFactory.builder()
            .recyclerPool(com.fasterxml.jackson.core.util.JsonRecyclerPools.newConcurrentDequePool()).build())
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS); // "[1]x" is not JSON

    /** An EVENT's name (its data's first element). */
    public String eventName() {
        return data.get(0).asText();
    }

    /** An EVENT's arguments (after the name) or an ACK's, as a JSON array's text. */
    public String argsJson() {
        if (data == null) return "[]";
        var args = JSON.createArrayNode();
        for (int i = type == EVENT || type == BINARY_EVENT ? 1 : 0; i < data.size(); i++) args.add(data.get(i));
        return args.toString();
    }

    /**
     * Whether {@code frame}'s first character is an Engine.IO v4 packet type and, for a message, the
     * next one a Socket.IO packet type: the cheap check the event loop makes on every frame.
     */
    public static boolean looksValid(String frame) {
        if (frame.isEmpty() || frame.charAt(0) < EIO_OPEN || frame.charAt(0) > EIO_NOOP) return false;
        return frame.charAt(0) != EIO_MESSAGE || frame.length() > 1 && frame.charAt(1) >= '0' && frame.charAt(1) <= '6';
    }

    /** Parses an Engine.IO message frame ({@code 4…}) into its Socket.IO packet. */
    public static SioPacket parseMessage(String frame) {
        if (frame.length() < 2 || frame.charAt(0) != EIO_MESSAGE) throw new SioProtocolException("not an Engine.IO message: " + clip(frame));
        int type = frame.charAt(1) - '0';
        if (type < CONNECT || type > BINARY_ACK) throw new SioProtocolException("unknown Socket.IO packet type in " + clip(frame));
        int i = 2;
        if (type == BINARY_EVENT || type == BINARY_ACK) {
            int dash = frame.indexOf('-', i);
            if (dash < 0 || dash == i || !digits(frame, i, dash)) throw new SioProtocolException("a binary packet without its attachment count: " + clip(frame));
            i = dash + 1;
        }
        String namespace = "/";
        if (i < frame.length() && frame.charAt(i) == '/') {
            int comma = frame.indexOf(',', i);
            int end = comma < 0 ? frame.length() : comma;
            namespace = frame.substring(i, end);
            i = comma < 0 ? end : comma + 1;
        }
        long ackId = -1;
        int idStart = i;
        while (i < frame.length() && frame.charAt(i) >= '0' && frame.charAt(i) <= '9') i++;
        if (i > idStart) {
            if (i - idStart > 15) throw new SioProtocolException("an ack id too long: " + clip(frame));
            ackId = Long.parseLong(frame, idStart, i, 10);
        }
        JsonNode data = null;
        if (i < frame.length()) {
            try {
                data = JSON.readTree(frame.substring(i));
            } catch (Exception e) {
                throw new SioProtocolException("its payload is not JSON: " + clip(frame));
            }
        }
        SioPacket p = new SioPacket(type, namespace, ackId, data);
        p.check(frame);
        return p;
    }

    /** The payload each type may carry (socket.io-parser's isPayloadValid). */
    private void check(String frame) {
        boolean ok = switch (type) {
            case CONNECT -> data == null || data.isObject();
            case DISCONNECT -> data == null;
            case CONNECT_ERROR -> data != null && (data.isObject() || data.isTextual());
            case EVENT, BINARY_EVENT -> data != null && data.isArray() && !data.isEmpty() && data.get(0).isTextual();
            case ACK, BINARY_ACK -> data != null && data.isArray();
            default -> false;
        };
        if (!ok) throw new SioProtocolException("a packet of type " + type + " with a payload it may not have: " + clip(frame));
    }

    /** The Engine.IO message carrying a client's Socket.IO packet. */
    public static String encode(int type, String namespace, long ackId, String json) {
        StringBuilder b = new StringBuilder(8 + (json == null ? 0 : json.length()));
        b.append(EIO_MESSAGE).append(type);
        if (!"/".equals(namespace)) b.append(namespace).append(',');
        if (ackId >= 0) b.append(ackId);
        if (json != null) b.append(json);
        return b.toString();
    }

    /** Event names socket.io reserves: a server's parser refuses a packet carrying one and drops the connection. */
    static final java.util.Set<String> RESERVED_EVENTS = java.util.Set.of("connect", "connect_error", "disconnect", "disconnecting",
            "newListener", "removeListener");

    /**
     * An EVENT's data: the name, then the arguments (a JSON array's text, possibly empty), spliced as text:
     * the arguments are checked token by token, not parsed into a tree and written again.
     *
     * @throws IllegalArgumentException for a reserved name or arguments that are not a JSON array
     */
    public static String eventData(String event, String argsJson) {
        if (RESERVED_EVENTS.contains(event)) {
            throw new IllegalArgumentException("socket.io: '" + event + "' is a reserved event name; a server would drop the connection");
        }
        if (argsJson == null || !isJsonArray(argsJson)) {
            throw new IllegalArgumentException("socket.io: the arguments must be a JSON array, not " + (argsJson == null ? "null" : clip(argsJson)));
        }
        String args = argsJson.strip();
        String name = quoted(event);
        return args.substring(1, args.length() - 1).isBlank() ? "[" + name + "]" : "[" + name + "," + args.substring(1);
    }

    /** Whether {@code text} is one JSON array and nothing else: checked token by token, no tree built. */
    static boolean isJsonArray(String text) {
        try (com.fasterxml.jackson.core.JsonParser p = JSON.getFactory().createParser(text)) {
            if (p.nextToken() != com.fasterxml.jackson.core.JsonToken.START_ARRAY) return false;
            p.skipChildren();
            return p.nextToken() == null;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /** An EVENT as a VU's wait reads it: its name and ack id at once, its arguments' text checked when taken ({@link #args}). */
    record Event(String name, long ackId, String argsText) {
        /** The arguments, a JSON array's text. @throws SioProtocolException when they are not JSON */
        String args(String frame) {
            if (!isJsonArray(argsText)) throw new SioProtocolException("its payload is not JSON: " + clip(frame));
            return argsText;
        }
    }

    /**
     * {@code frame}'s EVENT if it is one in {@code namespace} (whose events start with {@code eventPrefix}), else null.
     * A frame as socket.io writes it (JSON.stringify: no spaces, a name without escapes) is cut, not parsed; any
     * other is parsed whole.
     *
     * @throws SioProtocolException for a frame that is not a Socket.IO packet
     */
    static Event event(String frame, String namespace, String eventPrefix) {
        if (!frame.startsWith(eventPrefix)) return null;
        int n = frame.length(), i = eventPrefix.length(), idStart = i;
        while (i < n && frame.charAt(i) >= '0' && frame.charAt(i) <= '9') i++;
        if (i - idStart <= 15 && i + 1 < n && frame.charAt(i) == '[' && frame.charAt(i + 1) == '"') {
            int close = frame.indexOf('"', i + 2);
            if (close > 0 && frame.indexOf('\\', i + 2, close) < 0 && close + 1 < n) {
                long ackId = i > idStart ? Long.parseLong(frame, idStart, i, 10) : -1;
                String name = frame.substring(i + 2, close);
                char next = frame.charAt(close + 1);
                if (next == ']' && close + 2 == n) return new Event(name, ackId, "[]");
                if (next == ',') return new Event(name, ackId, "[" + frame.substring(close + 2));
            }
        }
        SioPacket p = parseMessage(frame); // the long way: another namespace's frame, spaces, escapes
        if (p.type() != EVENT || !p.namespace().equals(namespace)) return null;
        return new Event(p.eventName(), p.ackId(), p.argsJson());
    }

    /**
     * The arguments of an ACK frame whose JSON starts at {@code dataStart}: the array there, checked, not parsed.
     *
     * @throws SioProtocolException when it is not a JSON array
     */
    static String ackArgs(String frame, int dataStart) {
        String data = frame.substring(dataStart);
        if (!isJsonArray(data)) throw new SioProtocolException("an ack whose payload is not a JSON array: " + clip(frame));
        return data;
    }

    /** How jload's JSON carries bytes: an object whose only member is this, a base64 string. */
    public static final String BINARY = "_binary";

    /**
     * A binary packet ({@code 45n-…} / {@code 46n-…}) with its {@code n} attachments put back in as
     * {@code {"_binary": "<base64>"}} objects, re-encoded as the plain EVENT / ACK the VU reads.
     */
    public static String withAttachments(String frame, java.util.List<byte[]> attachments) {
        SioPacket p = parseMessage(frame);
        JsonNode data = fill(p.data(), attachments);
        return encode(p.type() == BINARY_EVENT ? EVENT : ACK, p.namespace(), p.ackId(), data.toString());
    }

    private static JsonNode fill(JsonNode data, java.util.List<byte[]> attachments) {
        return rewrite(data, node -> {
            if (!node.isObject() || !node.path("_placeholder").asBoolean(false) || !node.has("num")) return null;
            int k = node.path("num").asInt(-1);
            if (k < 0 || k >= attachments.size()) throw new SioProtocolException("a placeholder for attachment " + k + " of " + attachments.size());
            return JSON.createObjectNode().put(BINARY, java.util.Base64.getEncoder().encodeToString(attachments.get(k)));
        });
    }

    /** A copy of {@code node} in which every node {@code replace} answers (not null) is replaced, depth first from the top. */
    private static JsonNode rewrite(JsonNode node, java.util.function.Function<JsonNode, JsonNode> replace) {
        JsonNode replaced = replace.apply(node);
        if (replaced != null) return replaced;
        if (node.isArray()) {
            var out = JSON.createArrayNode();
            node.forEach(n -> out.add(rewrite(n, replace)));
            return out;
        }
        if (node.isObject()) {
            var out = JSON.createObjectNode();
            node.properties().forEach(e -> out.set(e.getKey(), rewrite(e.getValue(), replace)));
            return out;
        }
        return node;
    }

    /**
     * The frames that send an EVENT ({@code type} {@link #EVENT}) or an ACK ({@link #ACK}) whose data holds
     * {@code {"_binary": …}} objects: the text packet ({@code 45n-…} / {@code 46n-…} with placeholders) and the
     * attachments in order; null when the data has none.
     */
    public static java.util.Map.Entry<String, java.util.List<byte[]>> binaryPacket(int type, String namespace, long ackId, String dataJson) {
        JsonNode data;
        try {
            data = JSON.readTree(dataJson);
        } catch (Exception e) {
            throw new IllegalArgumentException("socket.io: the arguments must be JSON: " + clip(dataJson));
        }
        java.util.List<byte[]> attachments = new java.util.ArrayList<>();
        JsonNode withPlaceholders = extract(data, attachments);
        if (attachments.isEmpty()) return null;
        StringBuilder b = new StringBuilder().append(EIO_MESSAGE).append(type == ACK ? BINARY_ACK : BINARY_EVENT).append(attachments.size()).append('-');
        if (!"/".equals(namespace)) b.append(namespace).append(',');
        if (ackId >= 0) b.append(ackId);
        b.append(withPlaceholders);
        return java.util.Map.entry(b.toString(), attachments);
    }

    private static JsonNode extract(JsonNode data, java.util.List<byte[]> attachments) {
        return rewrite(data, node -> {
            if (!node.isObject() || node.size() != 1 || !node.path(BINARY).isTextual()) return null;
            attachments.add(java.util.Base64.getDecoder().decode(node.path(BINARY).asText()));
            return JSON.createObjectNode().put("_placeholder", true).put("num", attachments.size() - 1);
        });
    }

    /** {@code text} as a JSON string literal, quotes included. */
    static String quoted(String text) {
        if (plain(text)) return "\"" + text + "\"";
        try {
            return JSON.writeValueAsString(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Nothing in {@code text} needs escaping in a JSON string. */
    private static boolean plain(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == '"' || c == '\\' || c > 0x7e) return false;
        }
        return true;
    }

    private static boolean digits(String s, int from, int to) {
        for (int i = from; i < to; i++) if (s.charAt(i) < '0' || s.charAt(i) > '9') return false;
        return true;
    }

    public static String clip(String frame) {
        return frame.length() <= 80 ? frame : frame.substring(0, 77) + "...";
    }
}
