package dev.flows.analytics;

import dev.flows.api.error.FlowsException;

/**
 * A query, export or series the analytics module refuses or could not finish. {@link #kind()} says who must act
 * (the author of the query, or the operator of the disk); the message says what happened, where, and what to do.
 */
public class AnalyticsException extends FlowsException {

    /** Why it failed, and so how the HTTP API answers. */
    public enum Kind {
        /** The SQL does not parse or bind (unknown column, wrong type), or a parameter is wrong: 400. */
        INVALID_QUERY,
        /** The query or export names a channel that does not exist: 400 for a query, 404 for an export. */
        UNKNOWN_CHANNEL,
        /** The statement is not one read-only SELECT, or tries to reach files, URLs or settings: 400. */
        REFUSED_STATEMENT,
        /** The query ran longer than its timeout and was cancelled: 422. */
        TIMEOUT,
        /** Writing or reading the analytics cache or an export failed: 500. */
        FAILED
    }

    private final Kind kind;
    private final int position;

    public AnalyticsException(Kind kind, String message) {
        this(kind, message, -1, null);
    }

    public AnalyticsException(Kind kind, String message, int position, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.position = position;
    }

    /** A failure of the disk or of DuckDB while writing the cache or an export. */
    public AnalyticsException(String message, Throwable cause) {
        this(Kind.FAILED, message, -1, cause);
    }

    public Kind kind() {
        return kind;
    }

    /** The 0-based character position in the SQL where DuckDB found the error, or -1 when it gave none. */
    public int position() {
        return position;
    }
}
