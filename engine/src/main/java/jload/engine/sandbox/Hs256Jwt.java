package jload.engine.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs and verifies HS256 JSON Web Tokens (RFC 7519) with one shared secret: just enough JWT for the presence
 * endpoint to exercise the token handling that real realtime services put in front of their sockets.
 */
final class Hs256Jwt {
    private static final String ALGORITHM = "HmacSHA256";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final SecretKeySpec key;

    Hs256Jwt(String secret) {
        Objects.requireNonNull(secret, "secret");
        if (secret.isEmpty()) throw new IllegalArgumentException("the JWT secret must not be empty");
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    String sign(String subject, Instant issuedAt, Instant expiresAt) {
        ObjectNode header = JsonMessages.mapper().createObjectNode().put("alg", "HS256").put("typ", "JWT");
        ObjectNode claims = JsonMessages.mapper().createObjectNode()
                .put("sub", subject)
                .put("iat", issuedAt.getEpochSecond())
                .put("exp", expiresAt.getEpochSecond());
        String signingInput = ENCODER.encodeToString(header.toString().getBytes(StandardCharsets.UTF_8))
                + "." + ENCODER.encodeToString(claims.toString().getBytes(StandardCharsets.UTF_8));
        return signingInput + "." + ENCODER.encodeToString(hmac(signingInput));
    }

    /** The token's subject ({@code sub}) if the token is HS256, correctly signed and not expired at {@code now}. */
    String verify(String token, Instant now) throws InvalidTokenException {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) throw new InvalidTokenException("token is not a JWT (expected three dot-separated parts)");
        JsonNode header = decodeJson(parts[0], "header");
        if (!"HS256".equals(header.path("alg").asText(null))) {
            throw new InvalidTokenException("token alg must be HS256, got " + header.path("alg"));
        }
        byte[] signature = decodeBase64(parts[2], "signature");
        // Constant-time comparison: a timing oracle is the classic way to forge HMACs byte by byte.
        if (!MessageDigest.isEqual(signature, hmac(parts[0] + "." + parts[1]))) {
            throw new InvalidTokenException("token signature does not match");
        }
        JsonNode claims = decodeJson(parts[1], "payload");
        JsonNode exp = claims.get("exp");
        if (exp != null) {
            if (!exp.isNumber()) throw new InvalidTokenException("token exp must be a number");
            if (now.toEpochMilli() / 1000.0 >= exp.asDouble()) throw new InvalidTokenException("token expired");
        }
        JsonNode subject = claims.get("sub");
        if (subject == null || !subject.isTextual() || subject.asText().isBlank()) {
            throw new InvalidTokenException("token has no sub");
        }
        return subject.asText();
    }

    private byte[] hmac(String signingInput) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM); // Mac is stateful; one per call keeps worker threads apart.
            mac.init(key);
            return mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required of every JDK", e);
        }
    }

    private static JsonNode decodeJson(String part, String what) throws InvalidTokenException {
        byte[] json = decodeBase64(part, what);
        try {
            JsonNode node = JsonMessages.mapper().readTree(json);
            if (node == null || !node.isObject()) throw new InvalidTokenException("token " + what + " is not a JSON object");
            return node;
        } catch (java.io.IOException e) {
            throw new InvalidTokenException("token " + what + " is not JSON");
        }
    }

    private static byte[] decodeBase64(String part, String what) throws InvalidTokenException {
        try {
            return DECODER.decode(part);
        } catch (IllegalArgumentException e) {
            throw new InvalidTokenException("token " + what + " is not base64url");
        }
    }
}
