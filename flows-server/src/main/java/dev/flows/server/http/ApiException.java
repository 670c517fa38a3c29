package dev.flows.server.http;

import dev.flows.api.error.FlowsException;
import java.util.List;
import java.util.Map;

/**
 * A request the API refuses: the status and a problem kind go with the message, which says what was wrong
 * and what to send instead, and, for some kinds, the invalid values ({@code errors}) and response headers
 * ({@code Retry-After}). Rendered as {@link ProblemDetails}.
 */
final class ApiException extends FlowsException {

    private final int status;
    private final String kind;
    private final String title;
    private final List<InvalidValue> errors;
    private final Map<String, String> headers;

    private ApiException(
            int status,
            String kind,
            String title,
            String message,
            List<InvalidValue> errors,
            Map<String, String> headers) {
        super(message);
        this.status = status;
        this.kind = kind;
        this.title = title;
        this.errors = errors == null ? null : List.copyOf(errors);
        this.headers = Map.copyOf(headers);
    }

    private ApiException(int status, String kind, String title, String message) {
        this(status, kind, title, message, null, Map.of());
    }

    static ApiException notFound(String kind, String message) {
        return new ApiException(404, kind, "Not found", message);
    }

    static ApiException badRequest(String kind, String message) {
        return new ApiException(400, kind, "Bad request", message);
    }

    /** 400 with the invalid values, each with its JSON Pointer into the body. */
    static ApiException badRequest(String kind, String message, List<InvalidValue> errors) {
        return new ApiException(400, kind, "Bad request", message, errors, Map.of());
    }

    static ApiException forbidden(String kind, String message) {
        return new ApiException(403, kind, "Forbidden", message);
    }

    static ApiException conflict(String kind, String message) {
        return new ApiException(409, kind, "Conflict", message);
    }

    /** 410: what was asked for existed once and is no longer kept. */
    static ApiException gone(String kind, String message) {
        return new ApiException(410, kind, "Gone", message);
    }

    static ApiException tooLarge(String kind, String message) {
        return new ApiException(413, kind, "Content too large", message);
    }

    static ApiException unsupportedMediaType(String message) {
        return new ApiException(415, "unsupported-media-type", "Unsupported media type", message);
    }

    /** 422: the body is well-formed but its values break a rule; {@code errors} lists each. */
    static ApiException unprocessable(String kind, String message, List<InvalidValue> errors) {
        return new ApiException(422, kind, "Unprocessable content", message, errors, Map.of());
    }

    /** 429 with {@code Retry-After}: the client sends faster than allowed. */
    static ApiException tooManyRequests(String kind, String message, long retryAfterSeconds) {
        return new ApiException(
                429, kind, "Too many requests", message, null, Map.of("Retry-After", Long.toString(retryAfterSeconds)));
    }

    /** 503 with {@code Retry-After}: the server cannot answer now, and a retry soon can succeed. */
    static ApiException unavailable(String kind, String message, long retryAfterSeconds) {
        return new ApiException(
                503,
                kind,
                "Service unavailable",
                message,
                null,
                Map.of("Retry-After", Long.toString(retryAfterSeconds)));
    }

    int status() {
        return status;
    }

    String kind() {
        return kind;
    }

    String title() {
        return title;
    }

    /** The invalid values, or null when the problem is not about several values. */
    List<InvalidValue> errors() {
        return errors;
    }

    /** Headers the answer carries, such as {@code Retry-After}; empty for most. */
    Map<String, String> headers() {
        return headers;
    }
}
