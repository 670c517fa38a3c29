package dev.flows.connectors.jdbc;

import dev.flows.api.flow.ColumnMerge;
import dev.flows.api.flow.DatabaseColumn;
import dev.flows.api.flow.Destination;
import dev.flows.api.sink.Upsert;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes one batch of rows in one transaction:
 *
 * <pre>
 *   INSERT INTO flows_applied (destination, event_key, ...) VALUES (...), ...   -- skipping keys it has,
 *       RETURNING event_key                                                     -- answering the new ones
 *   INSERT INTO table (...) VALUES (...) ON CONFLICT / DUPLICATE KEY UPDATE ... -- per new event, in order
 *   COMMIT
 * </pre>
 *
 * so that an event is applied together with its bookkeeping row or not at all, and a batch written again
 * (after a crash, or a lost answer to its commit) changes nothing. Rows apply one statement each, in order, so
 * that of several rows for one key the last wins, and an {@code add} column adds each. Thread-safe: it keeps no
 * state between calls.
 */
final class RowWriter {

    private final Dialect dialect;
    private final String destination;
    private final List<String> columns;
    private final String upsertSql;

    /**
     * @param destination the destination's name in the bookkeeping table (at most 200 characters are kept)
     */
    RowWriter(Dialect dialect, String destination, Destination.ToDatabase spec) {
        this.dialect = dialect;
        this.destination = cut(destination, 200);
        this.columns = spec.columns().stream().map(DatabaseColumn::name).toList();
        List<UpdatedColumn> updates = spec.columns().stream()
                .filter(column -> !spec.key().contains(column.name()) && column.merge() != ColumnMerge.KEEP)
                .map(column -> new UpdatedColumn(column.name(), column.merge()))
                .toList();
        this.upsertSql = dialect.upsert(spec.table(), columns, spec.key(), updates);
    }

    /** The upsert statement, for tests and the decision record. */
    String upsertSql() {
        return upsertSql;
    }

    /**
     * Applies the rows not applied before, and commits; on failure rolls back, so nothing of the batch stays.
     *
     * @return how many rows were applied now (the others had been before)
     */
    int write(Connection connection, TableShape shape, List<Upsert> rows) throws SQLException {
        try {
            List<String> keys = rows.stream().map(EventKey::of).toList();
            Set<String> fresh = record(connection, rows, keys);
            int applied = 0;
            try (PreparedStatement upsert = connection.prepareStatement(upsertSql)) {
                for (int i = 0; i < rows.size(); i++) {
                    // An event twice in one batch applies once: its key leaves the set the first time.
                    if (fresh.remove(keys.get(i))) {
                        bind(upsert, shape, rows.get(i));
                        upsert.addBatch();
                        applied++;
                    }
                }
                if (applied > 0) {
                    upsert.executeBatch();
                }
            }
            connection.commit();
            return applied;
        } catch (SQLException | RuntimeException e) {
            rollback(connection, e);
            throw e;
        }
    }

    /** Inserts the bookkeeping rows; answers the event keys that were new. */
    private Set<String> record(Connection connection, List<Upsert> rows, List<String> keys) throws SQLException {
        Set<String> fresh = new HashSet<>();
        try (PreparedStatement insert = connection.prepareStatement(dialect.insertBookkeeping(rows.size()))) {
            int index = 1;
            for (int i = 0; i < rows.size(); i++) {
                Upsert row = rows.get(i);
                insert.setString(index++, destination);
                insert.setString(index++, keys.get(i));
                insert.setString(index++, cut(row.eventSource(), 500));
                insert.setString(index++, cut(row.eventId(), 255));
            }
            try (ResultSet inserted = insert.executeQuery()) {
                while (inserted.next()) {
                    fresh.add(inserted.getString(1));
                }
            }
        }
        return fresh;
    }

    private void bind(PreparedStatement upsert, TableShape shape, Upsert row) throws SQLException {
        for (int i = 0; i < columns.size(); i++) {
            String column = columns.get(i);
            dialect.bind(upsert, i + 1, row.row().get(column), shape.type(column));
        }
    }

    private static void rollback(Connection connection, Exception cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e); // the connection is likely gone; the pool drops it
        }
    }

    /**
     * Deletes this destination's bookkeeping rows applied before {@code before}, in a transaction of its own.
     *
     * @return how many were deleted
     */
    int forgetAppliedBefore(Connection connection, Instant before) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(
                "DELETE FROM " + Dialect.BOOKKEEPING + " WHERE destination = ? AND applied_at < ?")) {
            delete.setString(1, destination);
            delete.setTimestamp(2, Timestamp.from(before));
            int deleted = delete.executeUpdate();
            connection.commit();
            return deleted;
        } catch (SQLException | RuntimeException e) {
            rollback(connection, e);
            throw e;
        }
    }

    /** The bookkeeping keeps ids and sources only to be read by people; the key is their hash. */
    private static String cut(String text, int chars) {
        return text.length() <= chars ? text : text.substring(0, chars);
    }
}
