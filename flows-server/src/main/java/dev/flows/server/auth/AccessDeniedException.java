package dev.flows.server.auth;

import dev.flows.api.error.FlowsException;

/**
 * A request refused for who sent it: no token, a wrong one, or one without the scope. Carries what the
 * HTTP answer needs; the HTTP layer turns it into a problem document.
 */
public final class AccessDeniedException extends FlowsException {

    private final int status;
    private final String kind;
    private final String title;

    AccessDeniedException(int status, String kind, String title, String detail) {
        super(detail);
        this.status = status;
        this.kind = kind;
        this.title = title;
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
