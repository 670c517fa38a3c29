package dev.flows.connectors.jdbc;

import dev.flows.api.flow.DatabaseKind;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * What differs between the databases a {@link DatabaseSink} writes: quoting, the SQL of the bookkeeping table
 * and of an upsert, driver settings, which errors are about the data, and how a value is bound to a column.
 * Implementations are stateless and thread-safe.
 */
sealed interface Dialect permits PostgresDialect, MariaDbDialect {

    /** The bookkeeping table: which events each destination applied. */
    String BOOKKEEPING = "flows_applied";

    static Dialect of(DatabaseKind kind) {
        return switch (kind) {
            case POSTGRES -> new PostgresDialect();
            case MARIADB -> new MariaDbDialect();
        };
    }

    DatabaseKind kind();

    /** The JDBC driver class, named so that a shaded jar needs no service file to find it. */
    String driverClass();

    /** Driver settings: bounded connect and socket timeouts, and how values are sent. */
    Map<String, String> driverProperties();

    /** SQL run on every new connection, or null. */
    String connectionInitSql();

    /** An identifier quoted for this database; {@code schema.table} becomes two quoted parts. */
    String quote(String identifier);

    /** Creates the bookkeeping table when it is missing. */
    String createBookkeeping();

    /**
     * Inserts {@code rows} bookkeeping rows (destination, event key, source, id) and returns the event keys of
     * those that were not there before: the events this transaction applies.
     */
    String insertBookkeeping(int rows);

    /**
     * One row's upsert: insert, or on a conflict of the key update the columns not kept, as their merge says.
     *
     * @param updates every column but the key's, with what an update does to it (keep ones are left out)
     */
    String upsert(String table, List<String> columns, List<String> key, List<UpdatedColumn> updates);

    /** Whether the database refused a statement because of the values it carried (not the connection). */
    boolean isDataError(String sqlState, int vendorCode);

    /**
     * Binds one value, converting it where the column's type needs it.
     *
     * @param sqlType the column's {@link java.sql.Types} code, or {@link java.sql.Types#OTHER} when unknown
     */
    void bind(PreparedStatement statement, int index, Object value, int sqlType) throws SQLException;

    /** Whether the database compares column names regardless of case (and so metadata may answer in any case). */
    boolean caseInsensitiveNames();
}
