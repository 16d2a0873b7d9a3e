package jload.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/** Self-signed certificates for the TLS tests, made by the JDK's keytool; stores use the password {@code changeit}. */
final class TestCertificates {
    static final char[] PASSWORD = "changeit".toCharArray();

    private TestCertificates() {}

    /** A key pair ({@code keyalg}: EC, RSA) and its self-signed certificate for {@code dn} and {@code san}, in a PKCS12 store. */
    static KeyStore keyStore(Path dir, String alias, String keyalg, String dn, String san) throws Exception {
        Path store = dir.resolve(alias + ".p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-genkeypair",
                "-alias", alias, "-keyalg", keyalg, "-dname", dn, "-ext", "SAN=" + san, "-validity", "2", "-storetype", "PKCS12",
                "-keystore", store.toString(), "-storepass", "changeit", "-keypass", "changeit").redirectErrorStream(true).start();
        String log = new String(keytool.getInputStream().readAllBytes());
        assertEquals(0, keytool.waitFor(), log);
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(store)) {
            ks.load(in, PASSWORD);
        }
        return ks;
    }

    /** A server's TLS context presenting the store's key. */
    static SSLContext serverContext(KeyStore keys) throws Exception {
        var kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, PASSWORD);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(kmf.getKeyManagers(), null, null);
        return ssl;
    }

    /** The store's certificate ({@code CERTIFICATE}) or key ({@code PRIVATE KEY}, PKCS#8) as PEM text. */
    static String pem(KeyStore keys, String alias, String type) throws Exception {
        byte[] der = type.equals("CERTIFICATE") ? keys.getCertificate(alias).getEncoded() : keys.getKey(alias, PASSWORD).getEncoded();
        return "-----BEGIN " + type + "-----\n" + java.util.Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
