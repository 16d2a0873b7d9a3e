package jload.engine.proto.http;

import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.ssl.NotSslRecordException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/**
 * Why a request got no response, with k6's error code and words (lib/netext/httpext/error_codes.go), so scripts and
 * thresholds that test {@code error_code} behave as under k6.
 */
record HttpFailure(int code, String message) {
    static final int GENERIC = 1000, INVALID_URL = 1020, REQUEST_TIMEOUT = 1050, NO_SUCH_HOST = 1101, TCP = 1200,
            BROKEN_PIPE = 1201, DIAL = 1210, DIAL_TIMEOUT = 1211, DIAL_REFUSED = 1212, RESET_BY_PEER = 1220, TLS = 1300,
            TLS_HEADER = 1301, X509_UNKNOWN_AUTHORITY = 1310, X509_HOSTNAME = 1311, DECOMPRESSION = 1701;

    static HttpFailure timeout() {
        return new HttpFailure(REQUEST_TIMEOUT, "request timeout");
    }

    /** {@code e} from connecting (dial) or from the exchange on a connection. */
    static HttpFailure of(Throwable e, boolean dialing) {
        Throwable t = e;
        while ((t instanceof java.util.concurrent.CompletionException || t instanceof java.util.concurrent.ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof TimeoutException) return timeout();
        if (t instanceof ConnectTimeoutException) return new HttpFailure(DIAL_TIMEOUT, "dial: i/o timeout");
        if (t instanceof UnknownHostException) return new HttpFailure(NO_SUCH_HOST, "lookup: no such host");
        if (t instanceof ConnectException c) {
            String m = String.valueOf(c.getMessage());
            if (m.contains("refused")) return new HttpFailure(DIAL_REFUSED, "dial: connection refused");
            return new HttpFailure(DIAL, "dial: " + m);
        }
        if (t instanceof NotSslRecordException) return new HttpFailure(TLS_HEADER, "tls: first record does not look like a TLS handshake");
        if (t instanceof SSLHandshakeException || t instanceof SSLException) {
            if (causedBy(t, CertPathValidatorException.class) || String.valueOf(t.getMessage()).contains("unable to find valid certification path")) {
                return new HttpFailure(X509_UNKNOWN_AUTHORITY, "x509: certificate signed by unknown authority");
            }
            if (causedBy(t, CertificateException.class) && String.valueOf(rootMessage(t)).contains("No subject alternative")) {
                return new HttpFailure(X509_HOSTNAME, "x509: certificate is not valid for this name");
            }
            return new HttpFailure(TLS, "tls: " + rootMessage(t));
        }
        if (t instanceof io.netty.handler.codec.DecoderException d && d.getCause() instanceof SSLException) return of(d.getCause(), dialing);
        if (t instanceof io.netty.handler.codec.compression.DecompressionException) {
            return new HttpFailure(DECOMPRESSION, "error decompressing response body: " + t.getMessage());
        }
        String m = String.valueOf(t.getMessage());
        if (m.contains("Connection reset")) return new HttpFailure(RESET_BY_PEER, (dialing ? "dial" : "read") + ": connection reset by peer");
        if (m.contains("Broken pipe")) return new HttpFailure(BROKEN_PIPE, "write: broken pipe");
        if (t instanceof ClosedChannelException || t instanceof PrematureClose) return new HttpFailure(GENERIC, "unexpected EOF");
        if (t instanceof IOException) return new HttpFailure(dialing ? DIAL : TCP, (dialing ? "dial: " : "") + m);
        return new HttpFailure(GENERIC, m);
    }

    private static boolean causedBy(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) return true;
        }
        return false;
    }

    private static String rootMessage(Throwable t) {
        Throwable r = t;
        while (r.getCause() != null && r.getCause() != r) r = r.getCause();
        return r.getMessage() == null ? r.getClass().getSimpleName() : r.getMessage();
    }

    /** The connection closed before the response was complete. */
    static final class PrematureClose extends IOException {
        PrematureClose() {
            super("the connection closed before the response was complete");
        }
    }
}
