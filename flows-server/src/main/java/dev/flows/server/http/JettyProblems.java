package dev.flows.server.http;

import dev.flows.engine.format.JsonValues;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Answers what Jetty refuses before any route runs (a head over its size limit: 431; a request that is not
 * HTTP/1.1: 400) with a problem document like every other refusal, instead of Jetty's HTML page.
 */
final class JettyProblems extends ErrorHandler {

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, ProblemDetails.MEDIA_TYPE);
        return ByteBuffer.wrap(problem(status, detail(status, reason)));
    }

    @Override
    protected void generateResponse(
            Request request, Response response, int status, String message, Throwable cause, Callback callback) {
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, ProblemDetails.MEDIA_TYPE);
        response.write(true, ByteBuffer.wrap(problem(status, detail(status, message))), callback);
    }

    private static String detail(int status, String reason) {
        if (status == 431) {
            return "the request's headers are larger than this server accepts (8 KiB in all); nothing was read or"
                    + " stored. Send fewer or shorter headers";
        }
        return "the HTTP server refused the request before any route ran ("
                + (reason == null ? "no reason given" : reason)
                + "); nothing was stored. Check that the client sends valid HTTP/1.1";
    }

    private static byte[] problem(int status, String detail) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "urn:flows:problem:http-" + status);
        problem.put("title", status == 431 ? "Request header fields too large" : "Bad request");
        problem.put("status", status);
        problem.put("detail", detail);
        return JsonValues.encode(problem);
    }
}
