package dev.flows.connectors.jdbc;

import dev.flows.api.flow.ColumnMerge;
import dev.flows.api.flow.DatabaseKind;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * PostgreSQL: identifiers in double quotes, {@code INSERT ... ON CONFLICT (key) DO UPDATE}, and strings sent
 * untyped ({@code stringtype=unspecified}) so that the server reads an RFC 3339 time into a {@code timestamptz},
 * a JSON text into a {@code jsonb}, a UUID into a {@code uuid} as it reads a literal.
 */
final class PostgresDialect implements Dialect {

    @Override
    public DatabaseKind kind() {
        return DatabaseKind.POSTGRES;
    }

    @Override
    public String driverClass() {
        return "org.postgresql.Driver";
    }

    @Override
    public Map<String, String> driverProperties() {
        return Map.of(
                "stringtype", "unspecified",
                "connectTimeout", "3",
                "socketTimeout", "15",
                "tcpKeepAlive", "true",
                "ApplicationName", "flows");
    }

    @Override
    public String connectionInitSql() {
        return null;
    }

    @Override
    public String quote(String identifier) {
        int dot = identifier.indexOf('.');
        if (dot >= 0) {
            return quote(identifier.substring(0, dot)) + "." + quote(identifier.substring(dot + 1));
        }
        return '"' + identifier + '"'; // identifiers are checked: no quote can be inside
    }

    @Override
    public String createBookkeeping() {
        return "CREATE TABLE IF NOT EXISTS " + BOOKKEEPING + " (destination varchar(200) NOT NULL,"
                + " event_key char(64) NOT NULL, event_source varchar(500) NOT NULL, event_id varchar(255) NOT NULL,"
                + " applied_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (destination, event_key))";
    }

    @Override
    public String insertBookkeeping(int rows) {
        return "INSERT INTO " + BOOKKEEPING + " (destination, event_key, event_source, event_id) VALUES "
                + String.join(", ", Collections.nCopies(rows, "(?, ?, ?, ?)"))
                + " ON CONFLICT DO NOTHING RETURNING event_key";
    }

    @Override
    public String upsert(String table, List<String> columns, List<String> key, List<UpdatedColumn> updates) {
        String insert = "INSERT INTO " + quote(table) + " AS t (" + list(columns) + ") VALUES ("
                + String.join(", ", Collections.nCopies(columns.size(), "?")) + ") ON CONFLICT (" + list(key) + ")";
        if (updates.isEmpty()) {
            return insert + " DO NOTHING";
        }
        return insert + " DO UPDATE SET "
                + updates.stream().map(this::assignment).collect(Collectors.joining(", "));
    }

    private String assignment(UpdatedColumn column) {
        String name = quote(column.name());
        return name + " = "
                + (column.merge() == ColumnMerge.ADD
                        ? "COALESCE(t." + name + ", 0) + EXCLUDED." + name
                        : "EXCLUDED." + name);
    }

    private String list(List<String> names) {
        return names.stream().map(this::quote).collect(Collectors.joining(", "));
    }

    /** Classes 22 (data exception) and 23 (integrity constraint), and 42804, a value of the wrong type. */
    @Override
    public boolean isDataError(String sqlState, int vendorCode) {
        return sqlState != null && (sqlState.startsWith("22") || sqlState.startsWith("23") || sqlState.equals("42804"));
    }

    @Override
    public void bind(PreparedStatement statement, int index, Object value, int sqlType) throws SQLException {
        PlainValues.bind(statement, index, value);
    }

    @Override
    public boolean caseInsensitiveNames() {
        return false;
    }
}
