package dev.flows.log.segment;

import dev.flows.api.error.StorageException;
import dev.flows.log.record.RecordCheck;
import dev.flows.log.record.RecordDecoder;
import dev.flows.log.record.RecordFormat;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Walks a segment file record by record from its start, building its {@link OffsetIndex} and stopping at
 * the first byte that does not begin a whole, valid record with the next expected offset. Stateless.
 */
public final class SegmentScanner {

    private SegmentScanner() {}

    /**
     * Scans {@code file}.
     *
     * @param maxRecords stop after this many records (a closed segment holds no more than the next one's
     *     base offset allows); any bytes left then are reported as a stop
     * @param verifyCrc  whether to check every record's CRC, or only its structure (length, version,
     *     offset); reads check the CRC anyway
     * @throws StorageException if the file cannot be read, or holds an intact record of a newer format
     */
    public static SegmentScan scan(
            FileChannel channel, Path file, long baseOffset, long maxRecords, boolean verifyCrc) {
        try {
            return scan(new FileWindow(channel), channel.size(), file, baseOffset, maxRecords, verifyCrc);
        } catch (IOException e) {
            throw new StorageException(
                    "could not read segment " + file + " while opening its channel: " + e.getMessage()
                            + "; check the disk and the file's permissions, then open the channel again",
                    e);
        }
    }

    private static SegmentScan scan(
            FileWindow window, long fileBytes, Path file, long baseOffset, long maxRecords, boolean verifyCrc)
            throws IOException {
        OffsetIndex index = new OffsetIndex();
        long position = 0;
        while (position < fileBytes) {
            long offset = baseOffset + index.count();
            Optional<String> problem = index.count() < maxRecords
                    ? problemAt(window, fileBytes, position, offset, verifyCrc, file)
                    : Optional.of(
                            "the file goes on past offset " + (offset - 1) + ", where the next segment takes over");
            if (problem.isPresent()) {
                return new SegmentScan(index, fileBytes, Optional.of(new ScanStop(position, problem.get())));
            }
            int size = window.cover(position, RecordFormat.LENGTH_BYTES).getInt(window.indexOf(position))
                    + RecordFormat.LENGTH_BYTES;
            index.add(size);
            position += size;
        }
        return new SegmentScan(index, fileBytes, Optional.empty());
    }

    /** What keeps the bytes at {@code position} from being record {@code offset}; empty if nothing does. */
    private static Optional<String> problemAt(
            FileWindow window, long fileBytes, long position, long offset, boolean verifyCrc, Path file)
            throws IOException {
        long remaining = fileBytes - position;
        if (remaining < RecordFormat.LENGTH_BYTES) {
            return Optional.of("only " + remaining + " bytes remain, too few for a length field");
        }
        int length = window.cover(position, RecordFormat.LENGTH_BYTES).getInt(window.indexOf(position));
        if (length < RecordFormat.MIN_LENGTH) {
            return Optional.of("its length field says " + length + ", below the minimum of " + RecordFormat.MIN_LENGTH);
        }
        if (length > remaining - RecordFormat.LENGTH_BYTES) {
            return Optional.of("its length field says " + length + " bytes but only "
                    + (remaining - RecordFormat.LENGTH_BYTES) + " follow");
        }
        ByteBuffer buffer = window.cover(position, length + RecordFormat.LENGTH_BYTES);
        RecordCheck check = RecordDecoder.check(buffer, window.indexOf(position), offset, verifyCrc);
        return switch (check) {
            case RecordCheck.Valid valid -> Optional.empty();
            case RecordCheck.Corrupt corrupt -> Optional.of(corrupt.reason());
            case RecordCheck.Unsupported unsupported ->
                throw new StorageException("record " + offset + " at byte "
                        + position + " of " + file + " cannot be read: " + unsupported.reason()
                        + ", so a newer version of Flows wrote it; run that version (or newer) on this directory");
        };
    }
}
