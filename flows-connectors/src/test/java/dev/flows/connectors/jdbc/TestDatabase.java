package dev.flows.connectors.jdbc;

import dev.flows.api.flow.DatabaseKind;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * One of the databases every development and CI machine runs on localhost (PostgreSQL on 5432, MariaDB on
 * 3306, database {@code test}), reached with plain JDBC: to create and drop the tables a test writes, and to
 * read them back. Connections are opened per call, so that a restarted server needs nothing reset.
 */
record TestDatabase(DatabaseKind kind, String url, String user) {

    static final TestDatabase POSTGRES =
            new TestDatabase(DatabaseKind.POSTGRES, "jdbc:postgresql://127.0.0.1:5432/test", "postgres");
    static final TestDatabase MARIADB =
            new TestDatabase(DatabaseKind.MARIADB, "jdbc:mariadb://127.0.0.1:3306/test", "root");

    /** A table name no other test run uses. */
    static String uniqueTable(String prefix) {
        return prefix + "_" + Long.toHexString(System.nanoTime() ^ Double.doubleToLongBits(Math.random()));
    }

    void execute(String... statements) throws SQLException {
        try (Connection connection = connect();
                Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    /** Every row of a query, each as column label (lower case) to value. */
    List<Map<String, Object>> query(String sql) throws SQLException {
        try (Connection connection = connect();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            List<Map<String, Object>> result = new ArrayList<>();
            int count = rows.getMetaData().getColumnCount();
            while (rows.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= count; i++) {
                    row.put(rows.getMetaData().getColumnLabel(i).toLowerCase(), rows.getObject(i));
                }
                result.add(row);
            }
            return result;
        }
    }

    long count(String sql) throws SQLException {
        return ((Number) query(sql).getFirst().values().iterator().next()).longValue();
    }

    /** Drops the table and forgets what the destinations named after it applied. */
    void dropAndForget(String table) throws SQLException {
        execute("DROP TABLE IF EXISTS " + table);
        if (count("SELECT count(*) FROM information_schema.tables WHERE table_name = 'flows_applied'") > 0) {
            execute("DELETE FROM flows_applied WHERE destination LIKE '%" + table + "%'");
        }
    }

    private Connection connect() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        return DriverManager.getConnection(url, properties);
    }
}
