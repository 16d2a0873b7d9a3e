package jload.engine.proto;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;

/**
 * k6's {@code tlsAuth}: client certificates (PEM certificate chain and PKCS#8 key) offered to servers that ask for one.
 * As in k6 (Go's client), the certificate is chosen by what the server's request accepts, from all of them; the
 * entries' {@code domains} are not consulted (Go's NameToCertificate is a server-side map).
 */
public final class ClientCertificates {
    /** One entry: PEM texts. */
    public record Entry(String cert, String key, List<String> domains) {}

    private ClientCertificates() {}

    /** @throws IllegalArgumentException naming the entry and what is wrong with it */
    public static KeyManagerFactory keyManagers(List<Entry> entries) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            char[] none = new char[0];
            for (int i = 0; i < entries.size(); i++) {
                Entry e = entries.get(i);
                Certificate[] chain = certificates(e.cert(), i);
                store.setKeyEntry("tlsAuth-" + i, privateKey(e.key(), i), none, chain);
            }
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(store, none);
            return kmf;
        } catch (java.security.GeneralSecurityException | java.io.IOException e) {
            throw new IllegalArgumentException("tlsAuth: " + e.getMessage(), e);
        }
    }

    private static Certificate[] certificates(String pem, int index) throws java.security.cert.CertificateException {
        var certs = CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
        if (certs.isEmpty()) throw new IllegalArgumentException("tlsAuth[" + index + "].cert: no PEM certificate in it");
        return certs.toArray(new Certificate[0]);
    }

    private static PrivateKey privateKey(String pem, int index) throws java.security.GeneralSecurityException {
        if (pem.contains("BEGIN ENCRYPTED PRIVATE KEY") || pem.contains("Proc-Type: 4,ENCRYPTED")) {
            throw new IllegalArgumentException("tlsAuth[" + index + "].key: encrypted keys are not supported; decrypt it "
                    + "(openssl pkcs8 -topk8 -nocrypt)");
        }
        if (!pem.contains("-----BEGIN PRIVATE KEY-----")) {
            throw new IllegalArgumentException("tlsAuth[" + index + "].key: expected a PKCS#8 PEM key (-----BEGIN PRIVATE KEY-----); "
                    + "convert an RSA or EC one with openssl pkcs8 -topk8 -nocrypt");
        }
        String base64 = pem.substring(pem.indexOf("-----BEGIN PRIVATE KEY-----") + 27, pem.indexOf("-----END PRIVATE KEY-----"))
                .replaceAll("\\s", "");
        byte[] der = Base64.getDecoder().decode(base64);
        for (String algorithm : List.of("RSA", "EC", "Ed25519")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (java.security.spec.InvalidKeySpecException notThisOne) {
                // try the next
            }
        }
        throw new IllegalArgumentException("tlsAuth[" + index + "].key: not an RSA, EC or Ed25519 key");
    }
}
