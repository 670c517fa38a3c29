package dev.flows.server.http;

import dev.flows.api.channel.Channel;
import dev.flows.api.event.Event;
import dev.flows.server.auth.Authorizer;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.List;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import tools.jackson.databind.json.JsonMapper;

/**
 * The hot route, {@code POST /channels/{name}/events} with a structured or batch body of known length, served
 * by a Jetty handler that wraps the whole server, ahead of the servlet context and Javalin inside it. Profiling W5 (batches of 100 events over
 * loopback) put a third of the server's CPU in the servlet stack and Javalin per request, more than decoding
 * the events; this handler skips them and does exactly what the Javalin route does, through the same
 * {@link ChannelPost}, {@link Authorizer} and {@link ApiProblems}.
 *
 * <p>Every other request goes on to Javalin, including the ones this route would refuse for their shape:
 * binary mode, other media types, chunked bodies, bodies over the size limit, paths with escapes. They get
 * Javalin's answers, which are the same problem documents. Thread-safe.
 */
final class IngestFastPath extends Handler.Wrapper {

    private static final String PREFIX = "/channels/";
    private static final String SUFFIX = "/events";

    private final ChannelPost post;
    private final Authorizer authorizer;
    private final ApiProblems problems;
    private final JsonMapper json;
    private final long maxBodyBytes;

    IngestFastPath(ChannelPost post, Authorizer authorizer, ApiProblems problems, JsonMapper json, long maxBodyBytes) {
        this.post = post;
        this.authorizer = authorizer;
        this.problems = problems;
        this.json = json;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (!HttpMethod.POST.is(request.getMethod())) {
            return super.handle(request, response, callback);
        }
        String path = request.getHttpURI().getPath();
        String name = channelOf(path);
        String mediaType = ChannelPost.mediaType(request.getHeaders().get(HttpHeader.CONTENT_TYPE));
        long length = request.getLength();
        if (name == null || !ChannelPost.decodes(mediaType) || length < 0 || length > maxBodyBytes) {
            return super.handle(request, response, callback);
        }
        byte[] body = null;
        try {
            authorizer.authorize(
                    ChannelPost.ACCESS,
                    "POST " + path,
                    name,
                    request.getHeaders().get(HttpHeader.AUTHORIZATION));
            Channel channel = post.channel(name);
            body = body(request, (int) length, path);
            List<Event> events = post.decode(mediaType, body);
            byte[] answer = post.append(
                    channel,
                    events,
                    mediaType.equals(ChannelPost.BATCH),
                    request.getHeaders().get(TraceContext.TRACEPARENT),
                    request.getHeaders().get(TraceContext.TRACESTATE));
            write(response, callback, 200, "application/json", answer);
        } catch (Exception e) {
            if (body == null) {
                discardBody(request);
            }
            ProblemAnswer problem = problems.answer(e, "POST", path, name);
            problem.headers().forEach(response.getHeaders()::put);
            write(
                    response,
                    callback,
                    problem.status(),
                    ProblemDetails.MEDIA_TYPE,
                    json.writeValueAsBytes(problem.body()));
        }
        return true;
    }

    /** The channel of {@code /channels/{name}/events}; null for any other path, or a name with escapes. */
    static String channelOf(String path) {
        if (path == null
                || !path.startsWith(PREFIX)
                || !path.endsWith(SUFFIX)
                || path.length() <= PREFIX.length() + SUFFIX.length()) {
            return null;
        }
        String name = path.substring(PREFIX.length(), path.length() - SUFFIX.length());
        return name.indexOf('/') < 0 && name.indexOf('%') < 0 ? name : null;
    }

    /** The body, read at its announced length (at most the size limit, checked by the caller). */
    private static byte[] body(Request request, int length, String path) throws IOException {
        try (InputStream in = Content.Source.asInputStream(request)) {
            // Into an array of the announced length: readNBytes(int) would gather 8 KiB pieces and copy them again.
            byte[] body = new byte[length];
            int read = in.readNBytes(body, 0, length);
            if (read < length) {
                throw new EOFException(
                        "the body of POST " + path + " ended after " + read + " of its " + length + " bytes");
            }
            return body;
        }
    }

    /**
     * Reads and drops the body of a request refused before its body was read (no token, an unknown channel). Jetty
     * would otherwise close the connection after the answer while the client may still be sending, and a client
     * that meets the closed socket mid-write can lose the answer (a broken pipe) instead of reading it. The body is
     * at most the size limit, checked before.
     */
    private static void discardBody(Request request) {
        try {
            Content.Source.consumeAll(request);
        } catch (IOException | RuntimeException e) {
            // The connection is failing anyway; the answer is still attempted and Jetty closes it after.
        }
    }

    private static void write(Response response, Callback callback, int status, String contentType, byte[] body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
    }
}
