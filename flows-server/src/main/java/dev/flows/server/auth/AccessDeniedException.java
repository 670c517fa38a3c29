package dev.flows.server.auth;

import dev.flows.api.error.FlowsException;
import java.util.Map;

/**
 * A request refused for who sent it: no token, a wrong one, or one without the scope. Carries what the
 * HTTP answer needs; the HTTP layer turns it into a problem document.
 */
public final class AccessDeniedException extends FlowsException {

    private final int status;
    private final String kind;
    private final String title;
    private final Map<String, String> headers;

    AccessDeniedException(int status, String kind, String title, String detail) {
        this(status, kind, title, detail, Map.of());
    }

    AccessDeniedException(int status, String kind, String title, String detail, Map<String, String> headers) {
        super(detail);
        this.status = status;
        this.kind = kind;
        this.title = title;
        this.headers = Map.copyOf(headers);
    }

    /** Headers the answer must carry, such as {@code WWW-Authenticate} on a 401. */
    public Map<String, String> headers() {
        return headers;
    }

    /** 401, 403, or 500 for a route that declared no access. */
    public int status() {
        return status;
    }

    /** The problem kind, such as {@code forbidden}. */
    public String kind() {
        return kind;
    }

    /** The problem title. */
    public String title() {
        return title;
    }
}
