package dev.flows.connectors.jdbc;

import dev.flows.api.flow.ColumnMerge;
import dev.flows.api.flow.DatabaseKind;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * MariaDB: identifiers in backquotes, {@code INSERT ... ON DUPLICATE KEY UPDATE}, {@code INSERT IGNORE ...
 * RETURNING} for the bookkeeping, and sessions in UTC. MariaDB does not read an RFC 3339 time such as {@code
 * 2026-01-01T10:00:00Z} into a {@code DATETIME} or {@code TIMESTAMP}, so such a string bound to a column of
 * those types is converted to the UTC date and time first.
 */
final class MariaDbDialect implements Dialect {

    /**
     * Errors MariaDB reports with SQLState HY000 (or 01000) although they are about a value: 1265 data
     * truncated, 1366 incorrect value for a column, 1411 incorrect value for a function, 1292 incorrect
     * date/time value, 1048 a NOT NULL column given null, 1364 no default for a column, 4025 a CHECK constraint.
     */
    private static final Set<Integer> DATA_CODES = Set.of(1048, 1265, 1292, 1364, 1366, 1411, 4025);

    @Override
    public DatabaseKind kind() {
        return DatabaseKind.MARIADB;
    }

    @Override
    public String driverClass() {
        return "org.mariadb.jdbc.Driver";
    }

    @Override
    public Map<String, String> driverProperties() {
        return Map.of("connectTimeout", "3000", "socketTimeout", "15000");
    }

    @Override
    public String connectionInitSql() {
        return "SET time_zone = '+00:00'";
    }

    @Override
    public String quote(String identifier) {
        int dot = identifier.indexOf('.');
        if (dot >= 0) {
            return quote(identifier.substring(0, dot)) + "." + quote(identifier.substring(dot + 1));
        }
        return '`' + identifier + '`'; // identifiers are checked: no backquote can be inside
    }

    @Override
    public String createBookkeeping() {
        return "CREATE TABLE IF NOT EXISTS " + BOOKKEEPING + " (destination varchar(200) NOT NULL,"
                + " event_key char(64) CHARACTER SET ascii NOT NULL, event_source varchar(500) NOT NULL,"
                + " event_id varchar(255) NOT NULL, applied_at timestamp(3) NOT NULL DEFAULT current_timestamp(3),"
                + " PRIMARY KEY (destination, event_key)) ENGINE=InnoDB";
    }

    @Override
    public String insertBookkeeping(int rows) {
        return "INSERT IGNORE INTO " + BOOKKEEPING + " (destination, event_key, event_source, event_id) VALUES "
                + String.join(", ", Collections.nCopies(rows, "(?, ?, ?, ?)")) + " RETURNING event_key";
    }

    @Override
    public String upsert(String table, List<String> columns, List<String> key, List<UpdatedColumn> updates) {
        String insert = "INSERT INTO " + quote(table) + " (" + list(columns) + ") VALUES ("
                + String.join(", ", Collections.nCopies(columns.size(), "?")) + ") ON DUPLICATE KEY UPDATE ";
        if (updates.isEmpty()) {
            String first = quote(key.getFirst());
            return insert + first + " = " + first; // MariaDB has no DO NOTHING: a no-op update keeps the row
        }
        return insert + updates.stream().map(this::assignment).collect(Collectors.joining(", "));
    }

    private String assignment(UpdatedColumn column) {
        String name = quote(column.name());
        return name + " = "
                + (column.merge() == ColumnMerge.ADD
                        ? "COALESCE(" + name + ", 0) + VALUES(" + name + ")"
                        : "VALUES(" + name + ")");
    }

    private String list(List<String> names) {
        return names.stream().map(this::quote).collect(Collectors.joining(", "));
    }

    @Override
    public boolean isDataError(String sqlState, int vendorCode) {
        return DATA_CODES.contains(vendorCode)
                || (sqlState != null && (sqlState.startsWith("22") || sqlState.startsWith("23")));
    }

    @Override
    public void bind(PreparedStatement statement, int index, Object value, int sqlType) throws SQLException {
        if (value instanceof String text && isTemporal(sqlType)) {
            try {
                var utc = OffsetDateTime.parse(text).atZoneSameInstant(ZoneOffset.UTC);
                if (sqlType == Types.DATE) {
                    statement.setObject(index, utc.toLocalDate());
                } else {
                    statement.setObject(index, utc.toLocalDateTime());
                }
                return;
            } catch (DateTimeParseException e) {
                // Not RFC 3339 (say "2026-01-01 10:00:00"): MariaDB reads it, or refuses it as a data error.
            }
        }
        PlainValues.bind(statement, index, value);
    }

    private static boolean isTemporal(int sqlType) {
        return sqlType == Types.TIMESTAMP || sqlType == Types.TIMESTAMP_WITH_TIMEZONE || sqlType == Types.DATE;
    }

    @Override
    public boolean caseInsensitiveNames() {
        return true;
    }
}
