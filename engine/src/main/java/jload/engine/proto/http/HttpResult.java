package jload.engine.proto.http;

import java.util.Map;
import jload.HttpTimings;

/** What a request got; see {@link jload.HttpResponse}. */
record HttpResult(int status, String statusText, String proto, String url, Map<String, String> headers, String body,
                  HttpTimings timings, String error, int errorCode, String remoteIp, int remotePort, String requestMethod,
                  Map<String, String> requestHeaders, Map<String, java.util.List<jload.HttpCookie>> cookies)
        implements jload.HttpResponse {}
