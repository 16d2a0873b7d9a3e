package jload.engine.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class Hs256JwtTest {
    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
    private final Hs256Jwt jwt = new Hs256Jwt("secret");

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void verifiesWhatItSigns() throws Exception {
        String token = jwt.sign("alice", NOW, NOW.plusSeconds(60));
        assertEquals(3, token.split("\\.").length);
        assertTrue(!token.contains("="), "JWTs are unpadded base64url");
        assertEquals("alice", jwt.verify(token, NOW.plusSeconds(59)));
    }

    @Test
    void matchesAKnownTokenFromAnotherImplementation() throws Exception {
        // The jwt.io example token (HS256, secret "your-256-bit-secret"), which has no exp.
        String token = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9"
                + ".eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ"
                + ".SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";
        assertEquals("1234567890", new Hs256Jwt("your-256-bit-secret").verify(token, NOW));
    }

    @Test
    void rejectsExpiredTokens() {
        String token = jwt.sign("alice", NOW, NOW.plusSeconds(60));
        InvalidTokenException e = assertThrows(InvalidTokenException.class, () -> jwt.verify(token, NOW.plusSeconds(60)));
        assertTrue(e.getMessage().contains("expired"), e.getMessage());
    }

    @Test
    void rejectsOtherSecretsAndTampering() {
        String token = new Hs256Jwt("other").sign("alice", NOW, NOW.plusSeconds(60));
        assertThrows(InvalidTokenException.class, () -> jwt.verify(token, NOW));
        String[] parts = jwt.sign("alice", NOW, NOW.plusSeconds(60)).split("\\.");
        String promoted = parts[0] + "." + b64("{\"sub\":\"admin\",\"exp\":9999999999}") + "." + parts[2];
        assertThrows(InvalidTokenException.class, () -> jwt.verify(promoted, NOW));
    }

    @Test
    void rejectsAlgNoneAndMalformedTokens() {
        String none = b64("{\"alg\":\"none\"}") + "." + b64("{\"sub\":\"alice\"}") + ".";
        assertThrows(InvalidTokenException.class, () -> jwt.verify(none, NOW));
        for (String malformed : new String[] {"", "abc", "a.b", "a.b.c.d", "!!.!!.!!", b64("[]") + ".e30.x"}) {
            assertThrows(InvalidTokenException.class, () -> jwt.verify(malformed, NOW), malformed);
        }
    }

    @Test
    void requiresASubject() throws Exception {
        String header = b64("{\"alg\":\"HS256\",\"typ\":\"JWT\"}");
        String signingInput = header + "." + b64("{\"exp\":9999999999}");
        // Signed correctly, so that only the missing sub is wrong.
        String signed = signingInput + "." + hmac("secret", signingInput);
        InvalidTokenException e = assertThrows(InvalidTokenException.class, () -> jwt.verify(signed, NOW));
        assertTrue(e.getMessage().contains("sub"), e.getMessage());
    }

    private static String hmac(String secret, String signingInput) throws Exception {
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
    }
}
