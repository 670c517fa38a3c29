package dev.flows.analytics.export;

import dev.flows.analytics.AnalyticsException;
import dev.flows.analytics.history.ChannelHistory;
import dev.flows.analytics.history.DuckDb;
import dev.flows.analytics.history.HistorySnapshot;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.duckdb.DuckDBConnection;

/**
 * Writes a channel's history, or the part of it whose event time is in a range, to Parquet or JSON lines for BI
 * tools. Records come in partition order, and in offset order within a partition (the channel's own order; there is
 * no order across partitions). A record without a {@code time} is exported when no range is given, and left out
 * when one is. The Parquet file is written by DuckDB's {@code COPY ... TO} into a file of the cache directory, then
 * copied to the output; JSON lines are streamed. Thread-safe.
 */
public final class ChannelExport {

    /** The Parquet columns: the history's, without the stored JSON (its attributes and data have columns). */
    private static final String PARQUET_COLUMNS = "partition, \"offset\", appended_at, id, source, type, subject,"
            + " time, datacontenttype, data, extensions";

    private final ChannelHistory history;
    private final Path scratch;
    private final AtomicLong exports = new AtomicLong();

    /** @param scratch where Parquet files are written before they are copied to the output */
    public ChannelExport(ChannelHistory history, Path scratch) {
        this.history = history;
        this.scratch = scratch;
    }

    /**
     * Writes the records of {@code channel} with an event time in {@code [from, to)} (either null: unbounded on that
     * side) to {@code out}, which is left open. Returns how many records were written.
     *
     * @throws AnalyticsException {@link AnalyticsException.Kind#UNKNOWN_CHANNEL}, or {@code FAILED} when the disk
     *     or DuckDB failed
     * @throws UncheckedIOException when writing to {@code out} failed
     */
    public long export(String channel, ExportFormat format, Instant from, Instant to, OutputStream out) {
        try (HistorySnapshot snapshot = history.snapshot(channel);
                DuckDBConnection db = DuckDb.openInMemory();
                Statement statement = db.createStatement()) {
            // The snapshot's files are in partition and offset order, and so are the rows in each: with insertion
            // order preserved (DuckDB's default, set here to be sure) they come out in that order without a sort,
            // which for a million events of 280 bytes costs more than the export itself.
            statement.execute("SET preserve_insertion_order = true");
            String records = "FROM (" + snapshot.relation() + ") WHERE " + range(from, to);
            return switch (format) {
                case JSONL -> jsonLines(statement, records, out);
                case PARQUET -> parquet(statement, records, out);
            };
        } catch (SQLException e) {
            throw new AnalyticsException(
                    "exporting channel '" + channel + "' as " + format.extension() + " failed: " + e.getMessage()
                            + "; check the disk of the data directory",
                    e);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "writing the export of channel '" + channel + "' failed: " + e.getMessage(), e);
        }
    }

    private static long jsonLines(Statement statement, String records, OutputStream out)
            throws SQLException, IOException {
        long count = 0;
        try (ResultSet rows = statement.executeQuery("SELECT event " + records)) {
            while (rows.next()) {
                out.write(rows.getString(1).getBytes(StandardCharsets.UTF_8));
                out.write('\n');
                count++;
            }
        }
        return count;
    }

    private long parquet(Statement statement, String records, OutputStream out) throws SQLException, IOException {
        Files.createDirectories(scratch);
        Path file = scratch.resolve("export-" + ProcessHandle.current().pid() + "-" + exports.incrementAndGet()
                + ".parquet");
        try {
            long count = statement.executeLargeUpdate("COPY (SELECT " + PARQUET_COLUMNS + " " + records + ") TO "
                    + DuckDb.literal(file.toString()) + " (FORMAT parquet, COMPRESSION zstd)");
            Files.copy(file, out);
            return count;
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static String range(Instant from, Instant to) {
        String where = "true";
        if (from != null) {
            where += " AND time >= " + timestamp(from);
        }
        if (to != null) {
            where += " AND time < " + timestamp(to);
        }
        return where;
    }

    private static String timestamp(Instant instant) {
        return "TIMESTAMPTZ " + DuckDb.literal(instant.toString());
    }
}
