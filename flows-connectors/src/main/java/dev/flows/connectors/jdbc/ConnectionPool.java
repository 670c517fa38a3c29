package dev.flows.connectors.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.flows.api.flow.Destination;
import java.time.Duration;

/**
 * The HikariCP pool of one database destination: small (its flow's tasks take turns), in transactions
 * ({@code autoCommit} off, read committed), and bounded in time everywhere, so that a database that is down
 * or stops answering fails a write within seconds instead of holding a flow task (and the server's shutdown)
 * for good. It opens no connection before the first one is asked for, so a database down at start stops
 * nothing.
 */
final class ConnectionPool {

    /** Connections per destination; more would only queue at the database. */
    static final int SIZE = 2;

    /**
     * How long a write waits for a connection, a new one included: short, because HikariCP waits this long even
     * when the database refuses at once, and a wait that ends on a busy pool costs no attempt.
     */
    static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(1);

    private ConnectionPool() {}

    /**
     * @param name names the pool's threads and log lines, e.g. the flow and table
     */
    static HikariDataSource open(String name, Destination.ToDatabase spec, Dialect dialect) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("flows-" + name.replaceAll("[^A-Za-z0-9._-]", "_"));
        config.setDriverClassName(dialect.driverClass());
        config.setJdbcUrl(spec.url());
        if (spec.user() != null) {
            config.setUsername(spec.user());
        }
        if (spec.password() != null) {
            config.setPassword(spec.password());
        }
        dialect.driverProperties().forEach(config::addDataSourceProperty);
        if (dialect.connectionInitSql() != null) {
            config.setConnectionInitSql(dialect.connectionInitSql());
        }
        config.setMaximumPoolSize(SIZE);
        config.setMinimumIdle(0); // no background connecting (and logging) while the database is down
        config.setConnectionTimeout(CONNECTION_TIMEOUT.toMillis());
        config.setValidationTimeout(Duration.ofMillis(500).toMillis());
        config.setInitializationFailTimeout(-1);
        config.setAutoCommit(false);
        config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        return new HikariDataSource(config);
    }
}
