package dev.flows.log.recovery;

import dev.flows.api.error.StorageException;
import dev.flows.log.producer.ProducerState;
import dev.flows.log.segment.Damage;
import dev.flows.log.segment.Extent;
import dev.flows.log.segment.IndexFile;
import dev.flows.log.segment.Segment;
import dev.flows.log.segment.SegmentName;
import dev.flows.log.segment.SegmentScan;
import dev.flows.log.segment.SegmentScanner;
import dev.flows.log.segment.SparseIndex;
import dev.flows.log.storage.Storage;
import dev.flows.log.storage.StorageFile;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Opens the segments of one partition directory and brings them to a state appends can continue from.
 *
 * <p>Rules. Closed segments (all but the last) were forced whole before their successor was created, so
 * they cannot end torn: they are opened from their index files without a scan, and a missing or wrong
 * index is rebuilt by a scan, where any damage becomes a {@link DamagedRange}. The last segment is scanned,
 * CRC included, from what its index and the {@link RecoveryCheckpoint} vouch for: damage before the
 * checkpoint's position is corruption (a {@link DamagedRange}, skipped, never truncated); the first damage
 * after it is a torn tail and truncated ({@link TornTail}). Should the last segment have lost bytes the
 * checkpoint recorded as durable, it is closed and appends go on in a new segment after the checkpoint's
 * end offset, so no offset is given twice. Producer state comes from the checkpoint and the producer batches
 * after it ({@link ProducerRecovery}). The last segment is then forced and a new checkpoint written.
 * Each finding is logged once at WARNING through {@link System.Logger} and returned. Stateless.
 */
public final class PartitionRecovery {

    private static final System.Logger LOG = System.getLogger(PartitionRecovery.class.getName());

    private final String channel;
    private final int partition;
    private final Path directory;
    private final Storage storage;
    private final int indexIntervalBytes;
    private final List<RecoveryEvent> events = new ArrayList<>();

    private PartitionRecovery(String channel, int partition, Path directory, Storage storage, int indexIntervalBytes) {
        this.channel = channel;
        this.partition = partition;
        this.directory = directory;
        this.storage = storage;
        this.indexIntervalBytes = indexIntervalBytes;
    }

    /**
     * Recovers the partition in {@code directory}, creating the directory and a first segment if missing.
     *
     * @throws StorageException if a file cannot be read, truncated or created, or holds a newer format
     */
    public static RecoveredPartition recover(
            String channel, int partition, Path directory, Storage storage, int indexIntervalBytes) {
        return new PartitionRecovery(channel, partition, directory, storage, indexIntervalBytes).run();
    }

    private RecoveredPartition run() {
        List<Path> files = listAndClean();
        RecoveryCheckpoint.Load checkpoint = RecoveryCheckpoint.read(storage, directory);
        List<Segment> segments = new ArrayList<>();
        try {
            ProducerState producers = new ProducerState();
            if (files.isEmpty()) {
                segments.add(createFirst(checkpoint));
            } else {
                for (int i = 0; i < files.size() - 1; i++) {
                    segments.add(openClosed(files.get(i), baseOf(files.get(i + 1))));
                }
                TailScan tail = openLast(files.getLast(), checkpoint, segments);
                producers = ProducerRecovery.recover(segments, tail, indexIntervalBytes);
            }
            RecoveryCheckpoint written = checkpointActive(segments.getLast(), producers);
            events.forEach(event -> LOG.log(Level.WARNING, event.message()));
            return new RecoveredPartition(List.copyOf(segments), List.copyOf(events), written, producers);
        } catch (RuntimeException e) {
            closeAll(segments, e);
            throw e;
        }
    }

    /** Lists the segment files in base order after deleting leftovers of interrupted writes and orphan indexes. */
    private List<Path> listAndClean() {
        try {
            storage.createDirectories(directory);
            List<Path> entries = storage.list(directory);
            List<Path> segments = new ArrayList<>();
            for (Path entry : entries) {
                if (SegmentName.isLeftover(entry)) {
                    storage.delete(entry);
                } else if (SegmentName.baseOffsetOf(entry).isPresent()) {
                    segments.add(entry);
                }
            }
            for (Path entry : entries) {
                if (SegmentName.indexBaseOffsetOf(entry).isPresent()
                        && !storage.exists(entry.resolveSibling(SegmentName.of(
                                SegmentName.indexBaseOffsetOf(entry).getAsLong())))) {
                    storage.delete(entry);
                }
            }
            return segments;
        } catch (IOException e) {
            throw new StorageException(
                    "could not list the segments in " + directory + ": " + e
                            + "; check that the directory exists and is readable, then open the channel again",
                    e);
        }
    }

    private Segment createFirst(RecoveryCheckpoint.Load checkpoint) {
        long base = 0;
        if (checkpoint instanceof RecoveryCheckpoint.Loaded(RecoveryCheckpoint known) && known.endOffset() > 0) {
            base = known.endOffset();
            events.add(new DamagedRange(
                    channel,
                    partition,
                    directory.resolve(SegmentName.of(known.segmentBase())),
                    0,
                    0,
                    base,
                    "every segment file of the partition is gone, though its checkpoint says offsets up to "
                            + (base - 1) + " were written"));
        }
        Segment first = Segment.create(storage, directory, base, indexIntervalBytes);
        try {
            storage.forceDirectory(directory.getParent());
        } catch (IOException e) {
            closeAll(List.of(first), new StorageException(e.toString(), e));
            throw new StorageException(
                    "could not make the new partition directory " + directory + " durable: " + e + "; check the disk",
                    e);
        }
        return first;
    }

    private Segment openClosed(Path file, long nextBase) {
        long base = baseOf(file);
        StorageFile data = open(file, false);
        try {
            long size = data.size();
            IndexFile.Load index = IndexFile.read(storage, SegmentName.indexOf(file), base);
            if (index instanceof IndexFile.Loaded loaded
                    && loaded.extent().bytes() == size
                    && loaded.extent().endOffset() <= nextBase) {
                if (loaded.extent().endOffset() < nextBase) {
                    events.add(endsEarly(file, size, loaded.extent().endOffset(), nextBase));
                }
                return Segment.open(data, base, loaded.extent(), loaded.index(), indexIntervalBytes, -1);
            }
            return rebuild(file, data, base, nextBase, size, whyUnusable(index, size, nextBase));
        } catch (IOException | RuntimeException e) {
            closeQuietly(data, e);
            throw e instanceof IOException io ? readFailure(file, io) : (RuntimeException) e;
        }
    }

    private Segment rebuild(Path file, StorageFile data, long base, long nextBase, long size, String why)
            throws IOException {
        SegmentScan scan = SegmentScanner.scan(
                data, base, Extent.empty(base), new SparseIndex(), Long.MAX_VALUE, nextBase, indexIntervalBytes);
        events.add(new IndexRebuilt(channel, partition, file, why));
        scan.damages().forEach(damage -> events.add(range(file, damage, nextBase)));
        boolean damagedTail = scan.damages().stream().anyMatch(damage -> damage.toOffset() >= nextBase);
        if (scan.extent().endOffset() < nextBase && !damagedTail) {
            events.add(endsEarly(file, size, scan.extent().endOffset(), nextBase));
        }
        Segment segment = Segment.open(data, base, scan.extent(), scan.index(), indexIntervalBytes, -1);
        if (scan.damages().isEmpty() && scan.extent().bytes() == size) {
            // A damaged segment keeps no index, so every open scans it again and reports the damage again.
            writeIndexQuietly(segment, scan.extent());
        }
        return segment;
    }

    /** Opens, scans and truncates the last segment, adding it (and a successor, if it lost data) to the list. */
    private TailScan openLast(Path file, RecoveryCheckpoint.Load checkpoint, List<Segment> segments) {
        long base = baseOf(file);
        StorageFile data = open(file, true);
        Segment last;
        SegmentScan scan;
        long scannedFrom;
        RecoveryCheckpoint known = known(checkpoint, base);
        try {
            long size = data.size();
            long tornFrom = tornFrom(known, base);
            IndexFile.Load index = IndexFile.read(storage, SegmentName.indexOf(file), base);
            Extent start = Extent.empty(base);
            SparseIndex sparse = new SparseIndex();
            if (index instanceof IndexFile.Loaded loaded && loaded.extent().bytes() <= size) {
                start = loaded.extent();
                sparse = loaded.index();
            } else if (index instanceof IndexFile.Unusable unusable) {
                events.add(new IndexRebuilt(channel, partition, file, unusable.reason()));
            } else if (index instanceof IndexFile.Missing && tornFrom > 0) {
                // Every checkpoint of a non-empty segment writes its index first: it should be there.
                events.add(new IndexRebuilt(channel, partition, file, "it is missing"));
            }
            scannedFrom = start.endOffset();
            scan = SegmentScanner.scan(data, base, start, sparse, tornFrom, Long.MAX_VALUE, indexIntervalBytes);
            long firstAppendMs = known != null && known.segmentBase() == base ? known.firstAppendMs() : -1;
            last = Segment.open(data, base, scan.extent(), scan.index(), indexIntervalBytes, firstAppendMs);
        } catch (IOException | RuntimeException e) {
            closeQuietly(data, e);
            throw e instanceof IOException io ? readFailure(file, io) : (RuntimeException) e;
        }
        segments.add(last);
        scan.tornTail().ifPresent(stop -> {
            last.truncateTo(stop.position());
            events.add(new TornTail(channel, partition, file, stop.position(), scan.invalidBytes(), stop.reason()));
        });
        long lostUpTo = known == null
                ? scan.extent().endOffset()
                : Math.max(scan.extent().endOffset(), known.endOffset());
        for (Damage damage : scan.damages()) {
            events.add(range(file, damage, lostUpTo));
        }
        boolean damagedTail = scan.damages().stream().anyMatch(damage -> damage.toOffset() == Damage.UNKNOWN_END);
        if (damagedTail || lostUpTo > scan.extent().endOffset()) {
            if (!damagedTail) {
                events.add(new DamagedRange(
                        channel,
                        partition,
                        file,
                        scan.fileBytes(),
                        scan.extent().endOffset(),
                        lostUpTo,
                        "the segment ends after offset " + (scan.extent().endOffset() - 1)
                                + " though the recovery checkpoint recorded offsets up to " + (lostUpTo - 1)
                                + " as durable"));
            }
            segments.add(Segment.create(storage, directory, lostUpTo, indexIntervalBytes));
        }
        return new TailScan(known, scannedFrom, scan.extent().endOffset(), scan.producers());
    }

    /**
     * Where the torn zone of the last segment starts: after the checkpointed bytes if the checkpoint speaks
     * of it, nowhere if it speaks of a later segment (whose file is gone), everywhere otherwise.
     */
    private static long tornFrom(RecoveryCheckpoint known, long base) {
        if (known == null || known.segmentBase() < base) {
            return 0;
        }
        return known.segmentBase() == base ? known.position() : Long.MAX_VALUE;
    }

    /** The loaded checkpoint if it speaks of this segment or an earlier one, or of a lost later one; else null. */
    private RecoveryCheckpoint known(RecoveryCheckpoint.Load checkpoint, long lastBase) {
        return switch (checkpoint) {
            case RecoveryCheckpoint.Loaded(RecoveryCheckpoint loaded) -> loaded;
            case RecoveryCheckpoint.Missing missing -> {
                events.add(new CheckpointIgnored(
                        channel, partition, directory.resolve(RecoveryCheckpoint.FILE_NAME), "it is missing"));
                yield null;
            }
            case RecoveryCheckpoint.Unusable unusable -> {
                events.add(new CheckpointIgnored(
                        channel, partition, directory.resolve(RecoveryCheckpoint.FILE_NAME), unusable.reason()));
                yield null;
            }
        };
    }

    /** Forces the active segment and records it, with the producers at its end, in a new checkpoint and index. */
    private RecoveryCheckpoint checkpointActive(Segment active, ProducerState producers) {
        active.force();
        Extent extent = active.extent();
        RecoveryCheckpoint checkpoint = new RecoveryCheckpoint(
                active.baseOffset(), extent.bytes(), extent.endOffset(), active.firstAppendMs(), producers.entries());
        writeIndexQuietly(active, extent);
        try {
            checkpoint.write(storage, directory);
        } catch (IOException e) {
            throw new StorageException(
                    "could not write the recovery checkpoint of " + directory + ": " + e
                            + "; check free space and permissions, then open the channel again",
                    e);
        }
        return checkpoint;
    }

    private void writeIndexQuietly(Segment segment, Extent extent) {
        try {
            segment.writeIndex(storage, extent);
        } catch (IOException e) {
            // Derived data: without it the next open scans the segment instead. Logged, not fatal.
            LOG.log(
                    Level.WARNING,
                    "could not write the index of " + segment.file() + ": " + e
                            + "; the next open rebuilds it by scanning the segment");
        }
    }

    private DamagedRange range(Path file, Damage damage, long unknownEnd) {
        long to = damage.toOffset() == Damage.UNKNOWN_END ? unknownEnd : damage.toOffset();
        return new DamagedRange(
                channel,
                partition,
                file,
                damage.position(),
                damage.fromOffset(),
                Math.max(to, damage.fromOffset()),
                damage.reason());
    }

    private DamagedRange endsEarly(Path file, long size, long end, long nextBase) {
        return new DamagedRange(
                channel,
                partition,
                file,
                size,
                end,
                nextBase,
                "the file ends after offset " + (end - 1) + " but the next segment starts at " + nextBase);
    }

    private static String whyUnusable(IndexFile.Load index, long size, long nextBase) {
        return switch (index) {
            case IndexFile.Missing missing -> "it is missing";
            case IndexFile.Unusable unusable -> unusable.reason();
            case IndexFile.Loaded loaded ->
                loaded.extent().bytes() != size
                        ? "it describes " + loaded.extent().bytes() + " bytes but the segment holds " + size
                        : "it reaches offset " + loaded.extent().endOffset() + ", past the next segment's base "
                                + nextBase;
        };
    }

    private StorageFile open(Path file, boolean writable) {
        try {
            return writable ? storage.openWritable(file) : storage.openReadable(file);
        } catch (IOException e) {
            throw new StorageException(
                    "could not open segment " + file + ": " + e
                            + "; check the file's permissions and the disk, then open the channel again",
                    e);
        }
    }

    private static StorageException readFailure(Path file, IOException e) {
        return new StorageException(
                "could not read segment " + file + " while opening its channel: " + e
                        + "; check the disk and the file's permissions, then open the channel again",
                e);
    }

    private static void closeQuietly(StorageFile file, Exception failure) {
        try {
            file.close();
        } catch (IOException closeFailure) {
            failure.addSuppressed(closeFailure);
        }
    }

    private static void closeAll(List<Segment> segments, RuntimeException failure) {
        for (Segment segment : segments) {
            try {
                segment.close();
            } catch (RuntimeException closeFailure) {
                failure.addSuppressed(closeFailure);
            }
        }
    }

    private static long baseOf(Path file) {
        return SegmentName.baseOffsetOf(file).orElseThrow();
    }
}
