package jload.engine.proto.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HTTP Digest authentication (RFC 7616, MD5, qop auth or none), as k6's {@code auth: 'digest'} does it: the request
 * goes without credentials, and on a 401 with a Digest challenge once more with the answer to it.
 */
final class DigestAuth {
    private static final Pattern PARAM = Pattern.compile("(\\w+)=(?:\"([^\"]*)\"|([^,\\s]+))");

    private DigestAuth() {}

    /** The Authorization header answering {@code challenge} (a WWW-Authenticate value); null when it is no Digest challenge. */
    static String answer(String challenge, String method, String requestUri, String user, String password) {
        if (challenge == null || !challenge.regionMatches(true, 0, "Digest ", 0, 7)) return null;
        Map<String, String> c = new HashMap<>();
        Matcher m = PARAM.matcher(challenge.substring(7));
        while (m.find()) c.put(m.group(1).toLowerCase(java.util.Locale.ROOT), m.group(2) != null ? m.group(2) : m.group(3));
        String realm = c.getOrDefault("realm", ""), nonce = c.getOrDefault("nonce", "");
        String algorithm = c.getOrDefault("algorithm", "MD5");
        if (!algorithm.equalsIgnoreCase("MD5")) return null; // what goHttpDigestClient (k6's) speaks
        boolean qopAuth = c.containsKey("qop") && java.util.Arrays.stream(c.get("qop").split(",")).anyMatch(q -> q.trim().equals("auth"));
        String ha1 = md5(user + ":" + realm + ":" + password);
        String ha2 = md5(method + ":" + requestUri);
        StringBuilder h = new StringBuilder("Digest username=\"").append(user).append("\", realm=\"").append(realm)
                .append("\", nonce=\"").append(nonce).append("\", uri=\"").append(requestUri).append('"');
        if (qopAuth) {
            String nc = "00000001";
            String cnonce = HexFormat.of().formatHex(longBytes());
            h.append(", qop=auth, nc=").append(nc).append(", cnonce=\"").append(cnonce).append('"')
                    .append(", response=\"").append(md5(ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":auth:" + ha2)).append('"');
        } else {
            h.append(", response=\"").append(md5(ha1 + ":" + nonce + ":" + ha2)).append('"');
        }
        if (c.containsKey("opaque")) h.append(", opaque=\"").append(c.get("opaque")).append('"');
        h.append(", algorithm=MD5");
        return h.toString();
    }

    private static byte[] longBytes() {
        byte[] b = new byte[8];
        ThreadLocalRandom.current().nextBytes(b);
        return b;
    }

    static String md5(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has MD5", e);
        }
    }
}
