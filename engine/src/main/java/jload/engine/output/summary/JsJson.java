package jload.engine.output.summary;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Iterator;
import java.util.Map;

/**
 * {@code JSON.stringify(value, null, indent)} byte for byte: k6 writes its summary files from JavaScript,
 * so numbers print as JS does ({@code 30}, not {@code 30.0}), separators are {@code ": "}, and empty
 * containers stay {@code {}} / {@code []}. Jackson's pretty printer differs on all three.
 */
final class JsJson {
    private JsJson() {}

    static String stringify(JsonNode node, int indent) {
        StringBuilder sb = new StringBuilder();
        write(node, sb, " ".repeat(indent), "");
        return sb.toString();
    }

    private static void write(JsonNode node, StringBuilder sb, String step, String current) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            sb.append("null");
        } else if (node.isObject()) {
            if (node.isEmpty()) {
                sb.append("{}");
                return;
            }
            String inner = current + step;
            sb.append("{\n");
            Iterator<Map.Entry<String, JsonNode>> it = node.properties().iterator();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                sb.append(inner);
                quote(e.getKey(), sb);
                sb.append(": ");
                write(e.getValue(), sb, step, inner);
                if (it.hasNext()) sb.append(',');
                sb.append('\n');
            }
            sb.append(current).append('}');
        } else if (node.isArray()) {
            if (node.isEmpty()) {
                sb.append("[]");
                return;
            }
            String inner = current + step;
            sb.append("[\n");
            for (int i = 0; i < node.size(); i++) {
                sb.append(inner);
                write(node.get(i), sb, step, inner);
                if (i < node.size() - 1) sb.append(',');
                sb.append('\n');
            }
            sb.append(current).append(']');
        } else if (node.isNumber()) {
            double d = node.asDouble();
            sb.append(Double.isFinite(d) ? JsNumbers.toJsString(d) : "null");
        } else if (node.isBoolean()) {
            sb.append(node.asBoolean());
        } else {
            quote(node.asText(), sb);
        }
    }

    private static void quote(String s, StringBuilder sb) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    boolean loneSurrogate = Character.isSurrogate(c) && !(Character.isHighSurrogate(c)
                            && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1)));
                    if (Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(s.charAt(i - 1))) {
                        loneSurrogate = false;
                    }
                    if (c < 0x20 || loneSurrogate) sb.append(String.format("\\u%04x", (int) c));
                    else sb.append(c);
                }
            }
        }
        sb.append('"');
    }
}
