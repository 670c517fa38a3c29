package dev.flows.server.http;

import dev.flows.api.error.InvalidEventException;
import dev.flows.api.error.StorageFullException;
import dev.flows.api.system.SystemEvents;
import dev.flows.server.auth.AccessDeniedException;
import dev.flows.server.system.StorageFullEvent;
import java.io.EOFException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which problem document each exception of the API's code becomes, in one place for both ways a request can
 * come in (Javalin's routes and the ingest fast path), so that a failure is answered the same either way.
 * Thread-safe.
 */
final class ApiProblems {

    private static final Logger LOG = LoggerFactory.getLogger(ApiProblems.class);

    private final SystemEvents systemEvents;

    /** @param systemEvents where a refused append (a full disk) is reported */
    ApiProblems(SystemEvents systemEvents) {
        this.systemEvents = systemEvents;
    }

    /**
     * The answer to a request that threw.
     *
     * @param method  the request's method, for messages
     * @param path    the request's path: the problem's {@code instance}
     * @param channel the channel the request names, when it names one; null otherwise
     */
    ProblemAnswer answer(Exception e, String method, String path, String channel) {
        return switch (e) {
            case AccessDeniedException denied ->
                answer(denied.status(), denied.headers(), denied.kind(), denied.title(), e.getMessage(), path);
            case ApiException api ->
                new ProblemAnswer(
                        api.status(),
                        api.headers(),
                        new ProblemDetails(
                                type(api.kind()),
                                api.title(),
                                api.status(),
                                api.getMessage(),
                                path,
                                null,
                                api.errors()));
            case InvalidEventException invalid ->
                new ProblemAnswer(
                        400,
                        Map.of(),
                        new ProblemDetails(
                                type("invalid-event"), "Invalid event", 400, e.getMessage(), path, invalid.pointer()));
            case EOFException eof ->
                answer(
                        400,
                        Map.of(),
                        "incomplete-body",
                        "Bad request",
                        "the body of " + method + " " + path + " ended before its announced length (did the client"
                                + " disconnect?); nothing was stored. Send the whole body",
                        path);
            case StorageFullException full -> {
                systemEvents.publish(StorageFullEvent.of(channel, e.getMessage()));
                yield answer(
                        507,
                        Map.of("Retry-After", "5"),
                        "storage-full",
                        "Insufficient storage",
                        e.getMessage()
                                + "; nothing of this request was stored. Free disk space; appends resume by themselves",
                        path);
            }
            default -> {
                LOG.error("{} {} failed", method, path, e);
                yield answer(
                        500,
                        Map.of(),
                        "internal-error",
                        "Internal error",
                        e.getMessage()
                                + "; nothing was acknowledged, so retrying is safe. The server log has the details",
                        path);
            }
        };
    }

    /** A problem document without a pointer. */
    static ProblemAnswer answer(
            int status, Map<String, String> headers, String kind, String title, String detail, String path) {
        return new ProblemAnswer(status, headers, new ProblemDetails(type(kind), title, status, detail, path, null));
    }

    private static String type(String kind) {
        return "urn:flows:problem:" + kind;
    }
}
