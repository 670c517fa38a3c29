package dev.flows.analytics.history;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A channel's history at one moment, as Parquet files and the offsets each partition still holds: what a query or
 * an export reads. Holding it keeps its files from being deleted; {@link #close} releases them. Not thread-safe.
 *
 * @param channel      the channel's name
 * @param files        the files, in partition and offset order
 * @param startOffsets per partition, the first offset still held (records before it were deleted by retention
 *                     and are left out even if a file still has them)
 * @param endOffsets   per partition, the end offset when the snapshot was taken
 */
public record HistorySnapshot(
        String channel,
        List<Path> files,
        Map<Integer, Long> startOffsets,
        Map<Integer, Long> endOffsets,
        Runnable release)
        implements AutoCloseable {

    public HistorySnapshot {
        files = List.copyOf(files);
        startOffsets = Map.copyOf(startOffsets);
        endOffsets = Map.copyOf(endOffsets);
    }

    /** The number of records the snapshot holds. */
    public long records() {
        return endOffsets.keySet().stream()
                .mapToLong(p -> endOffsets.get(p) - startOffsets.get(p))
                .sum();
    }

    /**
     * A SELECT over the snapshot with the {@link HistoryColumns}: the files, less records deleted since they were
     * written. Reading it needs access to the files (the query's {@code allowed_paths}).
     */
    public String relation() {
        if (files.isEmpty()) {
            return HistoryColumns.empty();
        }
        StringBuilder sql = new StringBuilder("SELECT * FROM read_parquet([");
        for (int i = 0; i < files.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append(DuckDb.literal(files.get(i).toString()));
        }
        sql.append("])");
        String deleted = startOffsets.entrySet().stream()
                .filter(e -> e.getValue() > 0)
                .map(e -> "(partition = " + e.getKey() + " AND \"offset\" < " + e.getValue() + ")")
                .reduce((a, b) -> a + " OR " + b)
                .orElse(null);
        if (deleted != null) {
            sql.append(" WHERE NOT (").append(deleted).append(")");
        }
        return sql.toString();
    }

    @Override
    public void close() {
        release.run();
    }
}
