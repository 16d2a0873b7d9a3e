package jload.engine.sandbox;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The echo endpoint's test hook: after echoing the N-th message, close with a chosen code and reason, so scripts
 * can exercise their handling of server-initiated closes ({@code ?closeAfter=N&closeCode=C&closeReason=R}).
 * {@code closeCode=1006} drops the TCP connection instead, without a close frame (what 1006 means to a client).
 */
record EchoCloseHook(int afterMessages, int code, String reason) {
    static final int DEFAULT_CODE = 1011;
    /** Not a code on the wire: the connection is dropped. */
    static final int DROP = 1006;
    /** A close frame's payload is at most 125 bytes, two of which hold the code. */
    static final int MAX_REASON_BYTES = 123;

    static Optional<EchoCloseHook> from(UpgradeTarget target) throws UpgradeRejectedException {
        int after = target.intParameter("closeAfter", 0);
        if (!target.query().containsKey("closeAfter")) return Optional.empty();
        if (after < 1) throw new UpgradeRejectedException(400, "closeAfter must be at least 1, got " + after);
        int code = target.intParameter("closeCode", DEFAULT_CODE);
        if (!isSendableCloseCode(code) && code != DROP) {
            throw new UpgradeRejectedException(400, "closeCode " + code + " cannot be sent in a close frame (use 1000-1003, 1007-1014 or 3000-4999, or 1006 to drop the connection)");
        }
        String reason = target.parameter("closeReason").orElse("");
        if (reason.getBytes(StandardCharsets.UTF_8).length > MAX_REASON_BYTES) {
            throw new UpgradeRejectedException(400, "closeReason is longer than " + MAX_REASON_BYTES + " bytes");
        }
        return Optional.of(new EchoCloseHook(after, code, reason));
    }

    /** RFC 6455 §7.4: 1004-1006 and 1015 are reserved for local use and never appear on the wire. */
    static boolean isSendableCloseCode(int code) {
        return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999);
    }
}
