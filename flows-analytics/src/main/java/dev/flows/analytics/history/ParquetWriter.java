package dev.flows.analytics.history;

import dev.flows.analytics.AnalyticsException;
import dev.flows.api.channel.Channel;
import dev.flows.api.channel.ChannelRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Writes a range of a partition's records to a Parquet file with the {@link HistoryColumns}: the stored bytes go
 * into DuckDB through its appender (no parsing in Java), DuckDB types them and writes the file, which appears
 * under its name only once whole (written beside it, then moved). Each call uses a database of its own, so
 * calls may run on any threads.
 */
final class ParquetWriter {

    /** Records read from the channel per call: a bounded batch, whatever the range. */
    private static final int READ_BATCH = 5_000;

    private ParquetWriter() {}

    /**
     * Writes records {@code [from, end)} of the partition and returns the range written, which starts at the
     * first record found at or after {@code from} (retention may have deleted earlier ones); null when the
     * partition holds none of them.
     */
    static RecordRange write(Channel channel, int partition, long from, long end, Path directory) {
        try (DuckDBConnection db = DuckDb.openInMemory();
                Statement statement = db.createStatement()) {
            statement.execute(
                    "CREATE TABLE raw (partition INTEGER, \"offset\" BIGINT, appended BIGINT, event VARCHAR)");
            long first = -1;
            long firstTimestamp = 0;
            try (DuckDBAppender appender = db.createAppender("main", "raw")) {
                long next = from;
                while (next < end) {
                    List<ChannelRecord> records = channel.read(partition, next, (int) Math.min(READ_BATCH, end - next));
                    if (records.isEmpty()) {
                        break;
                    }
                    for (ChannelRecord record : records) {
                        if (record.offset() >= end) {
                            break;
                        }
                        if (first < 0) {
                            first = record.offset();
                            firstTimestamp = record.timestampMs();
                        }
                        appender.beginRow()
                                .append(partition)
                                .append(record.offset())
                                .append(record.timestampMs());
                        // the stored bytes as they are: DuckDB takes UTF-8 for a VARCHAR, no String in between
                        (record.value() == null ? appender.appendNull() : appender.append(record.value())).endRow();
                    }
                    next = records.getLast().offset() + 1;
                }
            }
            if (first < 0) {
                return null;
            }
            RecordRange range = new RecordRange(partition, first, end, firstTimestamp);
            Files.createDirectories(directory);
            Path target = directory.resolve(range.fileName());
            Path partial = directory.resolve(range.fileName() + ".partial");
            // rows keep the order they were appended in (offset order): DuckDB preserves insertion order by default
            statement.execute("SET preserve_insertion_order = true");
            statement.execute("COPY (" + HistoryColumns.selectFrom("raw") + ") TO " + DuckDb.literal(partial.toString())
                    + " (FORMAT parquet, COMPRESSION zstd)");
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return range;
        } catch (SQLException e) {
            throw new AnalyticsException(
                    "writing records " + from + " to " + end + " of partition " + partition + " of channel '"
                            + channel.name() + "' to Parquet in " + directory + " failed: " + e.getMessage()
                            + "; check the disk (the data directory's analytics/ folder can be deleted: it is a cache)",
                    e);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "moving a Parquet file into " + directory + " failed; check the disk: " + e.getMessage(), e);
        }
    }
}
