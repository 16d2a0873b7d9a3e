package jload.engine.script.js;

/**
 * The text k6's WebSocket modules give an 'error' event when the server closes with a code other
 * than 1000/1001 or drops the connection: the Go library's close error, e.g.
 * {@code websocket: close 1011 (internal server error): overloaded}. Scripts log and match it.
 */
final class CloseErrorText {
    private CloseErrorText() {}

    static String of(int code, String reason) {
        String name = switch (code) {
            case 1000 -> " (normal)";
            case 1001 -> " (going away)";
            case 1002 -> " (protocol error)";
            case 1003 -> " (unsupported data)";
            case 1005 -> " (no status)";
            case 1006 -> " (abnormal closure)";
            case 1007 -> " (invalid payload data)";
            case 1008 -> " (policy violation)";
            case 1009 -> " (message too big)";
            case 1010 -> " (mandatory extension missing)";
            case 1011 -> " (internal server error)";
            case 1015 -> " (TLS handshake error)";
            default -> "";
        };
        // A connection dropped without a close frame reads, in Go, as an unexpected end of the stream.
        String text = reason == null || reason.isEmpty() ? code == 1006 ? "unexpected EOF" : "" : reason;
        return "websocket: close " + code + name + (text.isEmpty() ? "" : ": " + text);
    }

    /** Whether k6 reports a close with {@code code} as an error (anything but normal and going away). */
    static boolean isError(int code) {
        return code != 1000 && code != 1001;
    }
}
