package dev.flows.connectors.jdbc;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/**
 * Why a write failed, sorted by what helps: {@link Kind#DATA} (the database refused an event's values: that
 * event goes to the dead-letter channel, retrying cannot help), {@link Kind#SETUP} (a table, column or right is
 * missing: retried, someone may fix it), {@link Kind#UNAVAILABLE} (no connection, a lost one, a deadlock, a
 * server shutting down: retried) and {@link Kind#BUSY} (every pooled connection was in use by the flow's
 * other tasks: nothing failed, so it costs no attempt).
 *
 * @param kind    which of the three
 * @param sqlState the SQLState of the error that says most, or null (an I/O failure)
 * @param message that error's message on one line
 */
record SqlFailure(Kind kind, String sqlState, String message) {

    /** What kind of failure, by who can fix it. */
    enum Kind {
        DATA,
        SETUP,
        UNAVAILABLE,
        BUSY
    }

    private static final int MAX_MESSAGE_CHARS = 600;

    static SqlFailure of(SQLException failure, Dialect dialect) {
        if (failure instanceof SQLTransientConnectionException && failure.getCause() == null) {
            // HikariCP's timeout carries the last failure to connect, if there was one: without, the pool was busy.
            return new SqlFailure(Kind.BUSY, failure.getSQLState(), oneLine(failure.getMessage()));
        }
        SQLException cause = telling(failure);
        String state = cause.getSQLState();
        Kind kind;
        if (dialect.isDataError(state, cause.getErrorCode())) {
            kind = Kind.DATA;
        } else if (state != null
                && (state.startsWith("42")
                        || state.startsWith("28")
                        || state.startsWith("3D")
                        || state.startsWith("3F"))) {
            kind = Kind.SETUP;
        } else {
            kind = Kind.UNAVAILABLE; // 08 connection, 40 deadlock or serialization, 53 resources, 57 shutdown, I/O
        }
        return new SqlFailure(kind, state, oneLine(cause.getMessage()));
    }

    /**
     * The error that says most: a batch's first failed statement rather than the batch (whose message repeats
     * the statement with its values), the driver's refusal inside a pool's timeout.
     */
    private static SQLException telling(SQLException failure) {
        SQLException current = failure;
        for (int depth = 0; depth < 10; depth++) {
            SQLException next = current instanceof BatchUpdateException && current.getNextException() != null
                    ? current.getNextException()
                    : current.getCause() instanceof SQLException cause ? cause : null;
            if (next == null) {
                break;
            }
            current = next;
        }
        return current;
    }

    private static String oneLine(String message) {
        String text = message == null ? "(no message)" : message.strip().replaceAll("\\s*\\R\\s*", "; ");
        return text.length() > MAX_MESSAGE_CHARS ? text.substring(0, MAX_MESSAGE_CHARS) + "..." : text;
    }

    /** The failure as a message: the database's words and the SQLState. */
    String describe() {
        return message + (sqlState == null ? "" : " (SQLState " + sqlState + ")");
    }

    /** What to do about it. */
    String hint() {
        return switch (kind) {
            case DATA ->
                "the database refused this event's values: correct the column's expression or the table, then"
                        + " replay the event from the dead-letter channel";
            case SETUP ->
                "check the table, its columns and the user's rights (Flows does not create or alter the table),"
                        + " then replay the events from the dead-letter channel";
            case UNAVAILABLE, BUSY ->
                "check that the database is running and reachable, then replay the events from the dead-letter"
                        + " channel";
        };
    }
}
