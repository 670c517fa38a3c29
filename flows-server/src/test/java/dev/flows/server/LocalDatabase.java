package dev.flows.server;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * A database server every development and CI machine runs on localhost (PostgreSQL on 5432, MariaDB on 3306,
 * database {@code test}): plain JDBC to create, read and drop the tables a test writes, and a restart that
 * always leaves the server running, since other tests and CI use it too. Connections are opened per call.
 */
record LocalDatabase(String yamlName, String url, String user, String textType) {

    static final LocalDatabase POSTGRES =
            new LocalDatabase("postgres", "jdbc:postgresql://127.0.0.1:5432/test", "postgres", "text");
    static final LocalDatabase MARIADB =
            new LocalDatabase("mariadb", "jdbc:mariadb://127.0.0.1:3306/test", "root", "varchar(100)");

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    @Override
    public String toString() {
        return yamlName;
    }

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

    /** Drops the tables and forgets what the destinations named after them applied. */
    void dropAndForget(String... tables) throws SQLException {
        for (String table : tables) {
            execute("DROP TABLE IF EXISTS " + table);
            if (count("SELECT count(*) FROM information_schema.tables WHERE table_name = 'flows_applied'") > 0) {
                execute("DELETE FROM flows_applied WHERE destination LIKE '%/" + table + "'");
            }
        }
    }

    /** Whether the server answers a query now. */
    boolean answers() {
        try (Connection connection = connect();
                Statement statement = connection.createStatement()) {
            statement.execute("SELECT 1");
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    /**
     * Stops the server and starts it again, then waits until it answers. Whatever fails on the way, the server
     * is started again before this returns or throws.
     *
     * @return how long the server did not answer, from the stop command to the first answer
     */
    Duration restart() throws IOException, InterruptedException {
        long start = System.nanoTime();
        try {
            switch (yamlName) {
                case "postgres" -> run("pg_ctlcluster", "--skip-systemctl-redirect", cluster(), "main", "restart");
                case "mariadb" -> {
                    run("mariadb-admin", "-uroot", "shutdown");
                    await().atMost(START_TIMEOUT).until(() -> !mariadbRunning());
                    run(startMariaDb());
                }
                default -> throw new IllegalStateException(yamlName);
            }
        } finally {
            ensureRunning();
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** Starts the server if it does not answer (a failed restart), and waits until it does. */
    void ensureRunning() throws IOException, InterruptedException {
        if (!answers()) {
            if (yamlName.equals("postgres")) {
                run("pg_ctlcluster", "--skip-systemctl-redirect", cluster(), "main", "start");
            } else if (!mariadbRunning()) {
                run(startMariaDb());
            }
        }
        await().atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(100)).until(this::answers);
    }

    /** The command the machine starts MariaDB with. */
    private static String[] startMariaDb() {
        return new String[] {"start-stop-daemon", "--start", "--oknodo", "--background", "--exec", "/usr/sbin/mariadbd"
        };
    }

    private static boolean mariadbRunning() {
        return ProcessHandle.allProcesses()
                .anyMatch(process -> process.info().command().orElse("").endsWith("/mariadbd"));
    }

    /** The PostgreSQL version whose cluster runs here: the only directory of /etc/postgresql. */
    private static String cluster() throws IOException {
        try (var versions = Files.list(Path.of("/etc/postgresql"))) {
            return versions.map(path -> path.getFileName().toString())
                    .findFirst()
                    .orElseThrow(() -> new IOException("no cluster under /etc/postgresql"));
        }
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
    }

    private Connection connect() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        // PostgreSQL counts seconds, MariaDB milliseconds.
        properties.setProperty("connectTimeout", yamlName.equals("postgres") ? "3" : "3000");
        return DriverManager.getConnection(url, properties);
    }
}
