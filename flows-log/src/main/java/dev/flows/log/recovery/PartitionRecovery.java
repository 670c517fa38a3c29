package dev.flows.log.recovery;

import dev.flows.api.error.StorageException;
import dev.flows.log.segment.DurableDirectory;
import dev.flows.log.segment.ScanStop;
import dev.flows.log.segment.Segment;
import dev.flows.log.segment.SegmentName;
import dev.flows.log.segment.SegmentScan;
import dev.flows.log.segment.SegmentScanner;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * Opens the segments of one partition directory and brings them to a state appends can continue from.
 *
 * <p>Rules: the last segment is checked record by record, CRC included, and truncated at the first record
 * that is torn or fails a check (a crash during appends leaves such a tail). Closed segments are checked
 * for structure only (length, version, offset; reads check the CRC): were one damaged, its lost offsets
 * become a {@link DamagedRange} that reads refuse, never a truncation. Each finding is logged once at
 * WARNING through {@link System.Logger} and returned. Stateless.
 */
public final class PartitionRecovery {

    private static final System.Logger LOG = System.getLogger(PartitionRecovery.class.getName());

    private PartitionRecovery() {}

    /**
     * Recovers the partition in {@code directory}, creating the directory and a first segment if missing.
     *
     * @throws StorageException if a file cannot be read, truncated or created, or holds a newer format
     */
    public static RecoveredPartition recover(String channel, int partition, Path directory) {
        List<Path> files = segmentFiles(directory);
        if (files.isEmpty()) {
            Segment first = Segment.create(directory, 0);
            // The partition directory may be new too: its entry must outlive a power loss with the segment.
            DurableDirectory.force(directory.getParent());
            return new RecoveredPartition(List.of(first), List.of());
        }
        List<Segment> segments = new ArrayList<>();
        List<RecoveryEvent> events = new ArrayList<>();
        try {
            for (int i = 0; i < files.size() - 1; i++) {
                long nextBase = baseOf(files.get(i + 1));
                segments.add(openClosed(channel, partition, files.get(i), nextBase, events));
            }
            segments.add(openLast(channel, partition, files.getLast(), events));
        } catch (RuntimeException e) {
            closeAll(segments, e);
            throw e;
        }
        for (RecoveryEvent event : events) {
            LOG.log(Level.WARNING, event.message());
        }
        return new RecoveredPartition(List.copyOf(segments), List.copyOf(events));
    }

    private static Segment openClosed(
            String channel, int partition, Path file, long nextBase, List<RecoveryEvent> events) {
        long base = baseOf(file);
        FileChannel fileChannel = openFile(file, StandardOpenOption.READ);
        SegmentScan scan = scan(fileChannel, file, base, nextBase - base, false);
        Segment segment = Segment.open(file, fileChannel, base, scan.index());
        segment.seal();
        long end = segment.endOffset();
        if (scan.stop().isPresent() || end < nextBase) {
            ScanStop stop = scan.stop()
                    .orElse(new ScanStop(
                            scan.fileBytes(),
                            "the file ends after offset " + (end - 1) + " but the next segment starts at " + nextBase));
            events.add(new DamagedRange(channel, partition, file, stop.position(), end, nextBase, stop.reason()));
        }
        return segment;
    }

    private static Segment openLast(String channel, int partition, Path file, List<RecoveryEvent> events) {
        long base = baseOf(file);
        FileChannel fileChannel = openFile(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        SegmentScan scan = scan(fileChannel, file, base, Long.MAX_VALUE, true);
        Segment segment = Segment.open(file, fileChannel, base, scan.index());
        if (scan.stop().isPresent()) {
            ScanStop stop = scan.stop().get();
            try {
                segment.truncateTo(stop.position());
            } catch (RuntimeException e) {
                closeAll(List.of(segment), e);
                throw e;
            }
            events.add(new TornTail(channel, partition, file, stop.position(), scan.invalidBytes(), stop.reason()));
        }
        return segment;
    }

    /** Scans, closing the file if the scan fails so that a refused open leaks nothing. */
    private static SegmentScan scan(FileChannel fileChannel, Path file, long base, long maxRecords, boolean verifyCrc) {
        try {
            return SegmentScanner.scan(fileChannel, file, base, maxRecords, verifyCrc);
        } catch (RuntimeException e) {
            try {
                fileChannel.close();
            } catch (IOException closeFailure) {
                e.addSuppressed(closeFailure);
            }
            throw e;
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

    private static List<Path> segmentFiles(Path directory) {
        try (Stream<Path> entries = Files.list(Files.createDirectories(directory))) {
            return entries.filter(file -> SegmentName.baseOffsetOf(file).isPresent())
                    .sorted(Comparator.comparingLong(PartitionRecovery::baseOf))
                    .toList();
        } catch (IOException e) {
            throw new StorageException(
                    "could not list the segments in " + directory + ": " + e
                            + "; check that the directory exists and is readable, then open the channel again",
                    e);
        }
    }

    private static long baseOf(Path file) {
        OptionalLong base = SegmentName.baseOffsetOf(file);
        return base.orElseThrow();
    }

    private static FileChannel openFile(Path file, StandardOpenOption... options) {
        try {
            return FileChannel.open(file, options);
        } catch (IOException e) {
            throw new StorageException(
                    "could not open segment " + file + ": " + e
                            + "; check the file's permissions and the disk, then open the channel again",
                    e);
        }
    }
}
