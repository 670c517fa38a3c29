package dev.flows.analytics.history;

import dev.flows.analytics.AnalyticsException;
import dev.flows.api.channel.Channel;
import dev.flows.api.channel.ChannelBackend;
import dev.flows.api.channel.ChannelRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

/**
 * Channels' histories as Parquet files, cached in a directory of their own ({@code <cache>/<channel>/<partition>/})
 * and read only through the {@link ChannelBackend} SPI.
 *
 * <p>Each partition is cut at multiples of {@code chunkRecords}. A whole chunk is written once and reused by every
 * later query. The tail after the last whole chunk grows as a chain of pieces: a query writes only the records
 * the chain lacks. Once its chunk is whole, or the chain has {@value #MAX_PIECES} pieces, the chunk is written
 * again as one file, and the pieces are deleted once no snapshot holds them. A file is checked against the channel before reuse (its first
 * record's append time), so a channel deleted and created again under its name is written anew. A compacted
 * channel loses records in the middle of its partitions, so its history is written for each snapshot and deleted
 * after it.
 *
 * <p>Thread-safe: snapshots of one channel are taken one at a time (the writing of one channel waits for the
 * writing of the same channel; others go on).
 */
public final class ChannelHistory {

    /** Records per cached file, by default: about 25 MB of Parquet for events of 250 bytes. */
    public static final long DEFAULT_CHUNK_RECORDS = 100_000;

    /** The most files a chunk's tail may be made of before it is written again as one. */
    private static final int MAX_PIECES = 16;

    private final ChannelBackend channels;
    private final Path cache;
    private final long chunkRecords;
    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();
    private final Map<Path, Integer> inUse = new HashMap<>();
    private long snapshots;

    /**
     * @param cache        the directory of the cached files, created when needed; delete it at will, it is a cache
     * @param chunkRecords records per cached file, at least 1
     */
    public ChannelHistory(ChannelBackend channels, Path cache, long chunkRecords) {
        if (chunkRecords < 1) {
            throw new IllegalArgumentException("chunkRecords must be at least 1, not " + chunkRecords);
        }
        this.channels = channels;
        this.cache = cache;
        this.chunkRecords = chunkRecords;
    }

    /** The channel's history as it is now; close it when done reading its files. */
    public HistorySnapshot snapshot(String name) {
        Channel channel = channels.find(name)
                .orElseThrow(() -> new AnalyticsException(
                        AnalyticsException.Kind.UNKNOWN_CHANNEL,
                        "channel '" + name + "' does not exist; the channels are: "
                                + String.join(
                                        ", ",
                                        channels.channels().stream()
                                                .map(Channel::name)
                                                .toList())));
        ReentrantLock lock = locks.computeIfAbsent(name, n -> new ReentrantLock());
        lock.lock();
        try {
            return channel.policy().compacted() ? whole(channel) : cached(channel);
        } finally {
            lock.unlock();
        }
    }

    private HistorySnapshot cached(Channel channel) {
        List<Path> files = new ArrayList<>();
        Map<Integer, Long> starts = new HashMap<>();
        Map<Integer, Long> ends = new HashMap<>();
        for (int p = 0; p < channel.partitions(); p++) {
            long start = channel.startOffset(p);
            long end = channel.endOffset(p);
            starts.put(p, start);
            ends.put(p, end);
            files.addAll(partition(channel, p, start, end));
        }
        return holding(channel.name(), files, starts, ends, () -> {});
    }

    private List<Path> partition(Channel channel, int partition, long start, long end) {
        Path dir = cache.resolve(channel.name()).resolve(Integer.toString(partition));
        List<RecordRange> existing = valid(channel, partition, dir, start);
        List<Path> files = new ArrayList<>();
        for (long chunk = start - start % chunkRecords; chunk < end; chunk += chunkRecords) {
            long from = Math.max(chunk, start);
            long chunkEnd = Math.min(chunk + chunkRecords, end);
            boolean whole = chunk + chunkRecords <= end;
            List<RecordRange> pieces = chain(existing, chunk, from, chunkEnd);
            if (whole && pieces.size() > 1 || pieces.size() >= MAX_PIECES) {
                pieces = new ArrayList<>(); // one file per whole chunk, and not too many for the tail
            }
            long covered = pieces.isEmpty() ? from : pieces.getLast().end();
            if (covered < chunkEnd) {
                RecordRange written = ParquetWriter.write(channel, partition, covered, chunkEnd, dir);
                if (written != null) {
                    pieces.add(written);
                }
            }
            pieces.forEach(piece -> files.add(dir.resolve(piece.fileName())));
        }
        deleteUnused(dir, files);
        return files;
    }

    /**
     * Cached files that hold the chunk's records from {@code from} on, one after the other without a gap, as far as
     * they go (not past {@code chunkEnd}): the tail of a growing partition is a chain of pieces, each written when
     * a query needed records the chain lacked, so a query after growth writes only the new records.
     */
    private static List<RecordRange> chain(List<RecordRange> ranges, long chunk, long from, long chunkEnd) {
        List<RecordRange> chain = new ArrayList<>();
        RecordRange next = longest(ranges, r -> r.start() >= chunk && r.start() <= from, chunkEnd);
        while (next != null) {
            chain.add(next);
            long at = next.end();
            next = longest(ranges, r -> r.start() == at, chunkEnd);
        }
        return chain;
    }

    private static RecordRange longest(
            List<RecordRange> ranges, java.util.function.Predicate<RecordRange> starts, long chunkEnd) {
        return ranges.stream()
                .filter(starts)
                .filter(r -> r.end() <= chunkEnd && r.end() > r.start())
                .max(java.util.Comparator.comparingLong(RecordRange::end))
                .orElse(null);
    }

    /** The cached ranges of the partition that still describe its records; the others are deleted. */
    private List<RecordRange> valid(Channel channel, int partition, Path dir, long start) {
        List<RecordRange> valid = new ArrayList<>();
        for (Path file : list(dir)) {
            RecordRange range = RecordRange.parse(partition, file.getFileName().toString());
            if (range == null) {
                continue;
            }
            if (range.start() >= start) {
                List<ChannelRecord> first = channel.read(partition, range.start(), 1);
                if (first.isEmpty()
                        || first.getFirst().offset() != range.start()
                        || first.getFirst().timestampMs() != range.firstTimestampMs()) {
                    // another channel of the same name had these offsets: none of the partition's files is ours
                    list(dir).forEach(ChannelHistory::deleteQuietly);
                    return List.of();
                }
            }
            valid.add(range);
        }
        return valid;
    }

    private HistorySnapshot whole(Channel channel) {
        Path dir = cache.resolve(".snapshots").resolve(channel.name() + "-" + (++snapshots));
        List<Path> files = new ArrayList<>();
        Map<Integer, Long> starts = new HashMap<>();
        Map<Integer, Long> ends = new HashMap<>();
        for (int p = 0; p < channel.partitions(); p++) {
            long start = channel.startOffset(p);
            long end = channel.endOffset(p);
            starts.put(p, start);
            ends.put(p, end);
            for (long from = start; from < end; from += chunkRecords) {
                RecordRange range = ParquetWriter.write(
                        channel, p, from, Math.min(from + chunkRecords, end), dir.resolve(Integer.toString(p)));
                if (range != null) {
                    files.add(dir.resolve(Integer.toString(p)).resolve(range.fileName()));
                }
            }
        }
        return holding(channel.name(), files, starts, ends, () -> deleteTree(dir));
    }

    private HistorySnapshot holding(
            String channel, List<Path> files, Map<Integer, Long> starts, Map<Integer, Long> ends, Runnable after) {
        synchronized (inUse) {
            files.forEach(file -> inUse.merge(file, 1, Integer::sum));
        }
        return new HistorySnapshot(channel, files, starts, ends, () -> {
            synchronized (inUse) {
                files.forEach(file -> inUse.computeIfPresent(file, (f, n) -> n == 1 ? null : n - 1));
            }
            after.run();
        });
    }

    /** Deletes the partition's files that this snapshot does not use, unless an earlier snapshot still does. */
    private void deleteUnused(Path dir, List<Path> used) {
        synchronized (inUse) {
            for (Path file : list(dir)) {
                if (!used.contains(file) && !inUse.containsKey(file)) {
                    deleteQuietly(file);
                }
            }
        }
    }

    private static List<Path> list(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("listing the analytics cache " + dir + " failed: " + e.getMessage(), e);
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(ChannelHistory::deleteQuietly);
        } catch (IOException e) {
            // a leftover snapshot directory is harmless: it is a cache, and the next one has another name
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // left for the next snapshot to delete; a file that is not used is never read
        }
    }
}
