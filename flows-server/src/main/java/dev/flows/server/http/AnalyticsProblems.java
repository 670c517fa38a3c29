package dev.flows.server.http;

import dev.flows.analytics.AnalyticsException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * Turns the analytics module's refusals into problem documents: a query that does not parse or bind, names an
 * unknown channel or is not one read-only SELECT is a 400 (when DuckDB gives a position, with it as line and column
 * and an {@code errors} entry pointing at {@code /sql}); a query that ran out of time is a 422 saying how to raise the limit. A
 * failure of the disk is left to the 500 handler.
 */
final class AnalyticsProblems {

    private AnalyticsProblems() {}

    /** The problem for a failed query; {@code sql} is the query as sent, for the line and column. */
    static RuntimeException of(AnalyticsException e, String sql) {
        return switch (e.kind()) {
            case INVALID_QUERY ->
                e.position() < 0
                        ? ApiException.badRequest("sql-invalid", e.getMessage())
                        : ApiException.badRequest(
                                "sql-invalid", withPlace(e.getMessage(), e.position(), sql), position(e, sql));
            case UNKNOWN_CHANNEL -> ApiException.badRequest("unknown-channel", e.getMessage());
            case REFUSED_STATEMENT -> ApiException.badRequest("sql-refused", e.getMessage());
            case TIMEOUT -> ApiException.unprocessable("sql-timeout", e.getMessage(), null);
            case FAILED -> e;
        };
    }

    private static List<InvalidValue> position(AnalyticsException e, String sql) {
        return List.of(new InvalidValue("/sql", withPlace(e.getMessage(), e.position(), sql), null));
    }

    /** The message with {@code (line L, column C)} of a 0-based position in the query, when there is one. */
    private static String withPlace(String message, int position, String sql) {
        if (position < 0 || sql == null || position > sql.length()) {
            return message;
        }
        String before = sql.substring(0, position);
        int line = (int) before.chars().filter(c -> c == '\n').count() + 1;
        int column = position - (before.lastIndexOf('\n') + 1) + 1;
        return message + " (line " + line + ", column " + column + ")";
    }

    /** A time query parameter: an ISO-8601 instant, or null when absent. */
    static Instant instantParam(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest(
                    "invalid-parameter",
                    "query parameter '" + name + "' is '" + value
                            + "', not an instant; use ISO-8601 in UTC such as 2026-01-01T00:00:00Z");
        }
    }
}
