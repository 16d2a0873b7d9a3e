package jload.engine.proto.http;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** A multipart/form-data body (RFC 7578), as k6 sends an object with http.file() values: fields and files in order. */
public final class MultipartBody {
    private MultipartBody() {}

    /** A field ({@code filename} null) or a file. */
    public record Part(String name, String filename, String contentType, byte[] data) {
        public static Part field(String name, String value) {
            return new Part(name, null, null, value.getBytes(StandardCharsets.UTF_8));
        }

        public static Part file(String name, String filename, String contentType, byte[] data) {
            return new Part(name, filename, contentType, data);
        }
    }

    public static byte[] encode(String boundary, List<Part> parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Part p : parts) {
            StringBuilder head = new StringBuilder("--").append(boundary).append("\r\n")
                    .append("Content-Disposition: form-data; name=\"").append(escape(p.name())).append('"');
            if (p.filename() != null) {
                head.append("; filename=\"").append(escape(p.filename())).append('"').append("\r\n")
                        .append("Content-Type: ").append(p.contentType() == null ? "application/octet-stream" : p.contentType());
            }
            head.append("\r\n\r\n");
            out.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
            out.writeBytes(p.data());
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "%22").replace("\r", "%0D").replace("\n", "%0A");
    }
}
