package dev.flows.analytics.export;

import dev.flows.analytics.AnalyticsException;
import dev.flows.analytics.history.ChannelHistory;
import dev.flows.analytics.history.DuckDb;
import dev.flows.analytics.history.HistorySnapshot;
import dev.flows.api.channel.Channel;
import dev.flows.api.channel.ChannelBackend;
import dev.flows.api.channel.ChannelRecord;
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
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.duckdb.DuckDBConnection;

/**
 * Writes a channel's history, or the part of it whose event time is in a range, to Parquet or JSON lines for BI
 * tools. Records come in partition order, and in offset order within a partition (the channel's own order; there is
 * no order across partitions). A record without a {@code time} is exported when no range is given, and left out
 * when one is. The Parquet file is written by DuckDB's {@code COPY ... TO} into a file of the cache directory, then
 * copied to the output; JSON lines are streamed, straight from the channel when there is no range. Thread-safe.
 */
public final class ChannelExport {

    /** The Parquet columns: the history's, without the stored JSON (its attributes and data have columns). */
    private static final String PARQUET_COLUMNS = "partition, \"offset\", appended_at, id, source, type, subject,"
            + " time, datacontenttype, data, extensions";

    /** Records read from the channel at a time, for a whole channel's JSON lines. */
    private static final int READ_BATCH = 5_000;

    private final ChannelBackend channels;
    private final ChannelHistory history;
    private final Path scratch;
    private final AtomicLong exports = new AtomicLong();

    /** @param scratch where Parquet files are written before they are copied to the output */
    public ChannelExport(ChannelBackend channels, ChannelHistory history, Path scratch) {
        this.channels = channels;
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
        if (format == ExportFormat.JSONL && from == null && to == null) {
            return wholeJsonLines(channel, out);
        }
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

    /**
     * Every record's stored bytes, straight from the channel: no range to select by, so no need to parse (five
     * times faster than through DuckDB for a million events).
     */
    private long wholeJsonLines(String name, OutputStream out) {
        Channel channel = channels.find(name)
                .orElseThrow(() -> new AnalyticsException(
                        AnalyticsException.Kind.UNKNOWN_CHANNEL, "channel '" + name + "' does not exist"));
        long count = 0;
        try {
            for (int p = 0; p < channel.partitions(); p++) {
                long end = channel.endOffset(p);
                long next = channel.startOffset(p);
                while (next < end) {
                    List<ChannelRecord> records = channel.read(p, next, (int) Math.min(READ_BATCH, end - next));
                    if (records.isEmpty()) {
                        break;
                    }
                    for (ChannelRecord record : records) {
                        if (record.offset() >= end) {
                            break;
                        }
                        if (record.value() != null) {
                            out.write(record.value());
                            out.write('\n');
                            count++;
                        }
                    }
                    next = records.getLast().offset() + 1;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing the export of channel '" + name + "' failed: " + e.getMessage(), e);
        }
        return count;
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
        Path file = scratch.resolve(
                "export-" + ProcessHandle.current().pid() + "-" + exports.incrementAndGet() + ".parquet");
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
