package dev.flows.connectors.jdbc;

import java.sql.SQLException;

/**
 * The destination's table is not what its flow file says: missing, without a column, or without a unique key
 * on the key columns. An {@link SQLException} with SQLState 42000 (syntax error or access rule violation), so
 * that a write that finds it is handled like the database's own refusal of a missing table: retried (someone
 * may create it), then given up on, never blamed on one event's data.
 */
final class TableMismatch extends SQLException {

    TableMismatch(String message) {
        super(message, "42000");
    }
}
