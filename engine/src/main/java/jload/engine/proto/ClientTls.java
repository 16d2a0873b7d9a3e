package jload.engine.proto;

import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import javax.net.ssl.SSLException;

/** The TLS context of jload's clients: the JDK's trust store and host-name check, or neither under --insecure-skip-tls-verify. */
public final class ClientTls {
    private ClientTls() {}

    public static SslContext create(boolean insecureSkipTlsVerify) {
        return create(insecureSkipTlsVerify, java.util.List.of(), java.util.List.of(), java.util.List.of());
    }

    /**
     * @param protocols the JDK names of the TLS versions allowed ("TLSv1.2", …); empty for the JDK's defaults
     * @param cipherSuites the cipher suites allowed; empty for the JDK's defaults
     * @param clientCertificates k6's tlsAuth: offered to servers that ask for a client certificate
     */
    public static SslContext create(boolean insecureSkipTlsVerify, java.util.List<String> protocols, java.util.List<String> cipherSuites,
                                    java.util.List<ClientCertificates.Entry> clientCertificates) {
        return create(insecureSkipTlsVerify, protocols, cipherSuites, clientCertificates, java.util.List.of());
    }

    /** @param alpn the application protocols offered by ALPN, preferred first ("h2", "http/1.1"); empty for none */
    public static SslContext create(boolean insecureSkipTlsVerify, java.util.List<String> protocols, java.util.List<String> cipherSuites,
                                    java.util.List<ClientCertificates.Entry> clientCertificates, java.util.List<String> alpn) {
        try {
            SslContextBuilder b = SslContextBuilder.forClient();
            if (!alpn.isEmpty()) {
                b.applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                        ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                        ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT, alpn));
            }
            if (!clientCertificates.isEmpty()) b.keyManager(ClientCertificates.keyManagers(clientCertificates));
            if (!protocols.isEmpty()) b.protocols(protocols);
            if (!cipherSuites.isEmpty()) b.ciphers(cipherSuites);
            if (insecureSkipTlsVerify) {
                b.trustManager(InsecureTrustManagerFactory.INSTANCE).endpointIdentificationAlgorithm(null);
            } else {
                b.endpointIdentificationAlgorithm("HTTPS"); // the certificate must also name the host
            }
            return b.build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot set up TLS: " + e.getMessage(), e);
        }
    }
}
