package dev.flows.analytics.history;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import org.duckdb.DuckDBConnection;
import org.duckdb.DuckDBDriver;

/**
 * Opens DuckDB databases: each call a new in-memory database of its own, so no query sees another's tables or
 * settings. The first call loads DuckDB's native library (about a second); nothing does before it, so a server
 * that never runs analytics never loads it. Thread-safe.
 */
public final class DuckDb {

    private DuckDb() {}

    /**
     * A new in-memory database with results streamed rather than materialised, so a row limit stops reading
     * early.
     *
     * @throws SQLException if DuckDB cannot start (its native library does not load on this platform)
     */
    public static DuckDBConnection openInMemory() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty(DuckDBDriver.JDBC_STREAM_RESULTS, "true");
        // The driver directly, not DriverManager: DriverManager would initialise every driver on the class path.
        Connection connection = new DuckDBDriver().connect("jdbc:duckdb:", properties);
        return connection.unwrap(DuckDBConnection.class);
    }

    /** Quotes a string as a SQL literal: {@code it's} becomes {@code 'it''s'}. */
    public static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}
