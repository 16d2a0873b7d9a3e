package jload.engine.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/** Reading client JSON messages and writing server ones, each server message stamped with {@code ts}. */
final class JsonMessages {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonMessages() {}

    /** A new server message of the given type; {@code ts} is added by {@link #encode}. */
    static ObjectNode message(String type) {
        return MAPPER.createObjectNode().put("type", type);
    }

    /** Stamps {@code ts} last, so it reads after the fields that say what happened. */
    static String encode(ObjectNode message) {
        message.put("ts", MessageTimestamp.now());
        try {
            return MAPPER.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            // A tree built from parsed JSON and plain values always serializes.
            throw new IllegalStateException("cannot serialize " + message, e);
        }
    }

    static String error(String error) {
        return encode(message("error").put("error", error));
    }

    /** The client's message as a JSON object, or empty when it is not valid JSON or not an object. */
    static Optional<ObjectNode> parseObject(String text) {
        try {
            JsonNode node = MAPPER.readTree(text);
            return node instanceof ObjectNode object ? Optional.of(object) : Optional.empty();
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    /** A string field's value, or empty when the field is missing, not a string, or blank. */
    static Optional<String> text(ObjectNode message, String field) {
        JsonNode value = message.get(field);
        return value != null && value.isTextual() && !value.asText().isBlank() ? Optional.of(value.asText()) : Optional.empty();
    }

    static ObjectMapper mapper() {
        return MAPPER;
    }
}
