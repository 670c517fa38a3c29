package dev.flows.server.http;

import dev.flows.api.error.FlowsException;

/**
 * A request the API refuses: the status and a problem kind go with the message, which says what was wrong
 * and what to send instead. Rendered as {@link ProblemDetails}.
 */
final class ApiException extends FlowsException {

    private final int status;
    private final String kind;
    private final String title;

    private ApiException(int status, String kind, String title, String message) {
        super(message);
        this.status = status;
        this.kind = kind;
        this.title = title;
    }

    static ApiException notFound(String kind, String message) {
        return new ApiException(404, kind, "Not found", message);
    }

    static ApiException badRequest(String kind, String message) {
        return new ApiException(400, kind, "Bad request", message);
    }

    static ApiException conflict(String kind, String message) {
        return new ApiException(409, kind, "Conflict", message);
    }

    static ApiException tooLarge(String kind, String message) {
        return new ApiException(413, kind, "Content too large", message);
    }

    static ApiException unsupportedMediaType(String message) {
        return new ApiException(415, "unsupported-media-type", "Unsupported media type", message);
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
}
