package dev.flows.analytics.sql;

import dev.flows.analytics.AnalyticsException;
import dev.flows.analytics.AnalyticsException.Kind;
import dev.flows.analytics.history.ChannelHistory;
import dev.flows.analytics.history.DuckDb;
import dev.flows.analytics.history.HistorySnapshot;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.duckdb.DuckDBConnection;
import org.duckdb.DuckDBResultSetMetaData;
import org.duckdb.StatementReturnType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs read-only SQL over channels' history with DuckDB. {@code channel('shop')} in a query stands for the
 * channel's records with the {@link dev.flows.analytics.history.HistoryColumns}, read from the Parquet files of a
 * {@link ChannelHistory} snapshot.
 *
 * <p>Each query gets an in-memory database of its own, confined before the query is even parsed: views over the
 * named channels' files, then {@code allowed_paths} (those files only), {@code enable_external_access=false} (no
 * other file, URL, {@code ATTACH}, {@code COPY ... TO} or extension), no extension auto-loading, the memory and
 * thread limits, and {@code lock_configuration} (no {@code SET} changes them back). The query must then be one
 * SELECT (DuckDB's own parser says so, before the statement is prepared, since preparing a script runs all its
 * statements but the last) whose prepared form returns rows. Rows are streamed and read up to the limit; a timer
 * cancels the statement at the timeout.
 *
 * <p>Thread-safe: queries run on the calling threads, each with its own database.
 */
public final class SqlEngine implements AutoCloseable {

    private final ChannelHistory history;
    private final SqlLimits limits;
    private final JsonMapper json = JsonMapper.builder().build();
    private final SqlValues values = new SqlValues(json);
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "sql-timeouts");
        thread.setDaemon(true);
        return thread;
    });

    public SqlEngine(ChannelHistory history, SqlLimits limits) {
        this.history = history;
        this.limits = limits;
    }

    /** The limits queries run under. */
    public SqlLimits limits() {
        return limits;
    }

    /** The channels a query names with {@code channel('...')}, in order of first mention, without duplicates. */
    public static Set<String> channelsIn(String sql) {
        Set<String> names = new LinkedHashSet<>();
        ChannelReference.in(sql).forEach(reference -> names.add(reference.name()));
        return names;
    }

    /**
     * Runs the query.
     *
     * @throws AnalyticsException with {@link Kind#INVALID_QUERY} (syntax, unknown column: DuckDB's message and,
     *     for syntax errors, the position), {@link Kind#UNKNOWN_CHANNEL}, {@link Kind#REFUSED_STATEMENT} (not one
     *     SELECT, or reaching beyond the channels), {@link Kind#TIMEOUT}, or {@link Kind#FAILED} (the disk)
     */
    public SqlResult query(SqlQuery query) {
        long started = System.nanoTime();
        List<ChannelReference> references = ChannelReference.in(query.sql());
        Map<String, HistorySnapshot> snapshots = new LinkedHashMap<>();
        try {
            for (ChannelReference reference : references) {
                if (!snapshots.containsKey(reference.name())) {
                    snapshots.put(reference.name(), history.snapshot(reference.name()));
                }
            }
            try (DuckDBConnection db = DuckDb.openInMemory()) {
                confine(db, references, snapshots);
                String sql = ChannelReference.substitute(query.sql(), references);
                checkOneSelect(db, sql);
                return run(db, sql, query, started);
            }
        } catch (SQLException e) {
            throw invalid(e, references);
        } finally {
            snapshots.values().forEach(HistorySnapshot::close);
        }
    }

    private void confine(DuckDBConnection db, List<ChannelReference> references, Map<String, HistorySnapshot> snapshots)
            throws SQLException {
        try (Statement statement = db.createStatement()) {
            Set<String> views = new LinkedHashSet<>();
            for (ChannelReference reference : references) {
                if (views.add(reference.viewName())) {
                    statement.execute("CREATE VIEW " + reference.viewName() + " AS "
                            + snapshots.get(reference.name()).relation());
                }
            }
            List<String> files = snapshots.values().stream()
                    .flatMap(snapshot -> snapshot.files().stream())
                    .map(Path::toString)
                    .map(DuckDb::literal)
                    .toList();
            statement.execute("SET allowed_paths = [" + String.join(", ", files) + "]");
            statement.execute("SET enable_external_access = false");
            statement.execute("SET autoinstall_known_extensions = false");
            statement.execute("SET autoload_known_extensions = false");
            statement.execute("SET memory_limit = " + DuckDb.literal(limits.memoryLimit()));
            statement.execute("SET threads = " + limits.threads());
            statement.execute("SET lock_configuration = true");
        }
    }

    /** Asks DuckDB's parser whether the text is exactly one SELECT, without running any of it. */
    private void checkOneSelect(DuckDBConnection db, String sql) throws SQLException {
        JsonNode parsed;
        try (PreparedStatement check = db.prepareStatement("SELECT json_serialize_sql(?::VARCHAR)")) {
            check.setString(1, sql);
            try (ResultSet result = check.executeQuery()) {
                result.next();
                parsed = json.readTree(result.getString(1));
            }
        }
        if (parsed.path("error").asBoolean(false)) {
            String type = parsed.path("error_type").asString("");
            String message = parsed.path("error_message").asString("");
            if (type.equals("parser")) {
                int position = parsed.path("position").asInt(-1);
                throw new AnalyticsException(
                        Kind.INVALID_QUERY,
                        "the SQL does not parse: " + message + (position >= 0 ? " at position " + position : "")
                                + "; fix the query (DuckDB's SQL dialect)",
                        position,
                        null);
            }
            throw refused("it is not a SELECT");
        }
        int statements = parsed.path("statements").size();
        if (statements != 1) {
            throw refused("it holds " + statements + " statements");
        }
    }

    private SqlResult run(DuckDBConnection db, String sql, SqlQuery query, long started) throws SQLException {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            if (((DuckDBResultSetMetaData) statement.getMetaData()).getReturnType()
                    != StatementReturnType.QUERY_RESULT) {
                throw refused("it returns no rows");
            }
            AtomicBoolean timedOut = new AtomicBoolean();
            ScheduledFuture<?> cancel = timer.schedule(
                    () -> {
                        timedOut.set(true);
                        try {
                            statement.cancel();
                        } catch (SQLException e) {
                            // the statement ended meanwhile
                        }
                    },
                    query.timeout().toMillis(),
                    TimeUnit.MILLISECONDS);
            try (ResultSet rows = statement.executeQuery()) {
                return read(rows, query, started);
            } catch (SQLException e) {
                if (timedOut.get()) {
                    throw new AnalyticsException(
                            Kind.TIMEOUT,
                            "the query ran longer than its timeout of "
                                    + query.timeout().toMillis()
                                    + " ms and was cancelled; narrow it (a time range: WHERE time >= ...), or send a"
                                    + " longer \"timeout_ms\" (at most "
                                    + limits.maxTimeout().toMillis() + ")",
                            -1,
                            e);
                }
                throw e;
            } finally {
                cancel.cancel(false);
            }
        }
    }

    private SqlResult read(ResultSet rows, SqlQuery query, long started) throws SQLException {
        ResultSetMetaData meta = rows.getMetaData();
        List<SqlColumn> columns = new ArrayList<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            columns.add(new SqlColumn(meta.getColumnName(i), meta.getColumnTypeName(i)));
        }
        List<List<Object>> out = new ArrayList<>();
        boolean truncated = false;
        while (rows.next()) {
            if (out.size() == query.limit()) {
                truncated = true;
                break;
            }
            List<Object> row = new ArrayList<>(columns.size());
            for (int i = 0; i < columns.size(); i++) {
                row.add(values.read(rows, i + 1, columns.get(i).type()));
            }
            out.add(row);
        }
        return new SqlResult(columns, out, truncated, (System.nanoTime() - started) / 1_000_000);
    }

    private static AnalyticsException refused(String why) {
        return new AnalyticsException(
                Kind.REFUSED_STATEMENT,
                "the query was refused because " + why + "; SQL over channels is read-only: send one SELECT (or WITH"
                        + " ... SELECT, FROM ..., DESCRIBE, SUMMARIZE) over channel('name'), nothing was run");
    }

    private static AnalyticsException invalid(SQLException e, List<ChannelReference> references) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage().strip();
        for (ChannelReference reference : references) {
            // DuckDB quotes the query it ran; show the query as written (same length, so its ^ marks still fit)
            message = message.replace(reference.viewName(), reference.text());
        }
        if (message.contains("Permission Error") || message.contains("configuration has been locked")) {
            return new AnalyticsException(
                    Kind.REFUSED_STATEMENT,
                    "the query was refused: " + message + "; SQL over channels reads channel('name') only, no files,"
                            + " URLs or settings, and nothing was changed",
                    -1,
                    e);
        }
        return new AnalyticsException(
                Kind.INVALID_QUERY,
                "DuckDB refused the query: " + message + "; fix the query and send it again",
                -1,
                e);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
