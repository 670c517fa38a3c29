package dev.flows.connectors.jdbc;

import dev.flows.api.flow.DatabaseColumn;
import dev.flows.api.flow.Destination;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks, through JDBC metadata, that the destination's table exists with every column the flow file writes
 * and a primary or unique key on exactly its key columns (what {@code ON CONFLICT} and {@code ON DUPLICATE KEY}
 * need), and creates the bookkeeping table when it is missing. Flows never creates nor alters the
 * destination's table, so every message says what to create. Stateless.
 */
final class TableCheck {

    private TableCheck() {}

    /**
     * @return the table's columns and their types
     * @throws TableMismatch if the table is not as the destination says
     * @throws SQLException if the database cannot be read
     */
    static TableShape check(Connection connection, Destination.ToDatabase spec, Dialect dialect) throws SQLException {
        createBookkeeping(connection, dialect);
        String table = spec.table();
        int dot = table.indexOf('.');
        String schema = dot < 0 ? null : table.substring(0, dot);
        String name = table.substring(dot + 1);
        Map<String, Integer> types = columns(connection, dialect, schema, name);
        String where = spec.kind().displayName() + " at " + spec.safeUrl();
        if (types.isEmpty()) {
            throw new TableMismatch("table " + table + " does not exist in " + where + "; Flows does not create"
                    + " tables: create it with the columns " + columnNames(spec) + " and a primary key on "
                    + String.join(", ", spec.key()) + folding(dialect, table));
        }
        List<String> missing = new ArrayList<>();
        for (DatabaseColumn column : spec.columns()) {
            if (!types.containsKey(normal(dialect, column.name()))) {
                missing.add(column.name());
            }
        }
        if (!missing.isEmpty()) {
            throw new TableMismatch("table " + table + " in " + where + " has no column " + String.join(", ", missing)
                    + " (it has " + String.join(", ", new TreeSet<>(types.keySet())) + "); add "
                    + (missing.size() == 1 ? "it" : "them") + " to the table or correct the destination's columns");
        }
        if (!uniqueKeys(connection, dialect, schema, name).contains(normalSet(dialect, spec.key()))) {
            String key = String.join(", ", spec.key());
            throw new TableMismatch("table " + table + " in " + where + " has no primary key or unique index on ("
                    + key + "), which an upsert by that key needs; add one, e.g. ALTER TABLE " + table
                    + " ADD PRIMARY KEY (" + key + "), or correct the destination's key");
        }
        return new TableShape(types, dialect.caseInsensitiveNames());
    }

    private static void createBookkeeping(Connection connection, Dialect dialect) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(dialect.createBookkeeping());
            connection.commit();
        } catch (SQLException e) {
            // Two flows starting at once may race to create it (PostgreSQL then reports a duplicate type).
            connection.rollback();
            if (columns(connection, dialect, null, Dialect.BOOKKEEPING).isEmpty()) {
                throw e;
            }
        }
    }

    private static Map<String, Integer> columns(Connection connection, Dialect dialect, String schema, String table)
            throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        String escape = meta.getSearchStringEscape();
        Map<String, Integer> types = new HashMap<>();
        try (ResultSet rows = dialect.caseInsensitiveNames()
                ? meta.getColumns(catalog(connection, schema), null, pattern(table, escape), "%")
                : meta.getColumns(
                        null,
                        pattern(schema == null ? connection.getSchema() : schema, escape),
                        pattern(table, escape),
                        "%")) {
            while (rows.next()) {
                types.put(normal(dialect, rows.getString("COLUMN_NAME")), rows.getInt("DATA_TYPE"));
            }
        }
        return types;
    }

    private static Set<Set<String>> uniqueKeys(Connection connection, Dialect dialect, String schema, String table)
            throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        Map<String, Set<String>> indexes = new HashMap<>();
        try (ResultSet rows = dialect.caseInsensitiveNames()
                ? meta.getIndexInfo(catalog(connection, schema), null, table, true, false)
                : meta.getIndexInfo(null, schema == null ? connection.getSchema() : schema, table, true, false)) {
            while (rows.next()) {
                String index = rows.getString("INDEX_NAME");
                String column = rows.getString("COLUMN_NAME");
                if (index != null && column != null && !rows.getBoolean("NON_UNIQUE")) {
                    indexes.computeIfAbsent(index, i -> new HashSet<>()).add(normal(dialect, column));
                }
            }
        }
        return new HashSet<>(indexes.values());
    }

    /** MariaDB calls a database a catalog; the destination's schema, else the connection's database. */
    private static String catalog(Connection connection, String schema) throws SQLException {
        return schema == null ? connection.getCatalog() : schema;
    }

    /** A name as a metadata search pattern, where {@code _} and {@code %} would otherwise match anything. */
    private static String pattern(String name, String escape) {
        return escape == null || escape.isEmpty()
                ? name
                : name.replace(escape, escape + escape)
                        .replace("_", escape + "_")
                        .replace("%", escape + "%");
    }

    private static String normal(Dialect dialect, String name) {
        return dialect.caseInsensitiveNames() ? name.toLowerCase(Locale.ROOT) : name;
    }

    private static Set<String> normalSet(Dialect dialect, List<String> names) {
        Set<String> set = new HashSet<>();
        names.forEach(name -> set.add(normal(dialect, name)));
        return set;
    }

    private static String columnNames(Destination.ToDatabase spec) {
        return String.join(
                ", ", spec.columns().stream().map(DatabaseColumn::name).toList());
    }

    /** PostgreSQL folds unquoted names to lower case, and Flows quotes them: a capital is a likely cause. */
    private static String folding(Dialect dialect, String table) {
        return !dialect.caseInsensitiveNames() && !table.equals(table.toLowerCase(Locale.ROOT))
                ? "; note that PostgreSQL folds names written without quotes to lower case, and Flows writes " + table
                        + " as written"
                : "";
    }
}
