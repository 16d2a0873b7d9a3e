package jload.engine.proto.http;

import java.util.Map;
import jload.HttpTimings;

/** What a request got; see {@link jload.HttpResponse}. */
record HttpResult(int status, String statusText, String proto, String url, Map<String, String> headers, byte[] bodyBytes,
                  HttpTimings timings, String error, int errorCode, String remoteIp, int remotePort, String requestMethod,
                  Map<String, String> requestHeaders, Map<String, java.util.List<jload.HttpCookie>> cookies, String tlsVersion,
                  String tlsCipherSuite)
        implements jload.HttpResponse {
    /** The body as text, in the Content-Type's charset (UTF-8 unless it says otherwise). */
    @Override
    public String body() {
        return bodyBytes == null ? null : new String(bodyBytes, charset(headers.get("Content-Type")));
    }

    private static java.nio.charset.Charset charset(String contentType) {
        if (contentType != null) {
            int i = contentType.toLowerCase(java.util.Locale.ROOT).indexOf("charset=");
            if (i >= 0) {
                try {
                    return java.nio.charset.Charset.forName(contentType.substring(i + 8).replace("\"", "").split(";")[0].trim());
                } catch (RuntimeException unknown) {
                    // UTF-8, as most servers mean
                }
            }
        }
        return java.nio.charset.StandardCharsets.UTF_8;
    }
}
