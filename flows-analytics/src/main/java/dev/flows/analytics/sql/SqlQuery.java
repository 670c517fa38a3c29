package dev.flows.analytics.sql;

import java.time.Duration;
import java.util.Objects;

/**
 * A query to run over channels' history.
 *
 * @param sql     one SELECT; {@code channel('name')} stands for the channel's records
 * @param limit   the most rows to return; more make the answer {@code truncated}
 * @param timeout how long it may run before it is cancelled
 */
public record SqlQuery(String sql, int limit, Duration timeout) {

    public SqlQuery {
        Objects.requireNonNull(sql, "sql");
        Objects.requireNonNull(timeout, "timeout");
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative, not " + limit);
        }
    }
}
