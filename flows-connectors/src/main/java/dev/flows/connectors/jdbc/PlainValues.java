package dev.flows.connectors.jdbc;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;

/**
 * Binds the plain values the engine computes (string, long, double, boolean, bytes, null) with the setter
 * of their own type, so that the database converts them to the column's type as an assignment does.
 * Stateless.
 */
final class PlainValues {

    private PlainValues() {}

    static void bind(PreparedStatement statement, int index, Object value) throws SQLException {
        switch (value) {
            case null -> statement.setNull(index, Types.NULL);
            case String text -> statement.setString(index, text);
            case Long number -> statement.setLong(index, number);
            case Double number -> statement.setDouble(index, number);
            case Boolean bool -> statement.setBoolean(index, bool);
            case byte[] bytes -> statement.setBytes(index, bytes);
            // Not among the engine's values; its text is the least surprising thing to write.
            default -> statement.setString(index, value.toString());
        }
    }
}
