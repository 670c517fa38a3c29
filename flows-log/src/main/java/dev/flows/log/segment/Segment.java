package dev.flows.log.segment;

import dev.flows.api.error.StorageException;
import dev.flows.api.error.StorageFullException;
import dev.flows.log.record.BatchFormat;
import dev.flows.log.storage.Storage;
import dev.flows.log.storage.StorageFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * One segment file of a partition: batches with increasing offsets from {@link #baseOffset()}, their
 * {@link SparseIndex} and {@link Extent}. Appends come from one writer at a time (the partition holds its
 * lock); reads may run at any time from any thread, on the bytes the published extent covers.
 */
public final class Segment implements AutoCloseable {

    private final StorageFile file;
    private final long baseOffset;
    private final SparseIndex index;
    private final int indexIntervalBytes;
    private volatile Extent extent;
    private volatile long firstAppendMs;
    private volatile boolean tornTail;
    private int lastEntry;

    private Segment(
            StorageFile file,
            long baseOffset,
            Extent extent,
            SparseIndex index,
            int indexIntervalBytes,
            long firstAppendMs) {
        this.file = file;
        this.baseOffset = baseOffset;
        this.extent = extent;
        this.index = index;
        this.indexIntervalBytes = indexIntervalBytes;
        this.firstAppendMs = firstAppendMs;
        this.lastEntry = index.count() == 0 ? 0 : index.position(index.count() - 1);
    }

    /**
     * Creates an empty segment file named after {@code baseOffset} in {@code directory}, durably (the
     * directory is forced too).
     *
     * @throws StorageFullException if the disk is full
     * @throws StorageException     if the file exists or cannot be created
     */
    public static Segment create(Storage storage, Path directory, long baseOffset, int indexIntervalBytes) {
        Path path = directory.resolve(SegmentName.of(baseOffset));
        StorageFile file;
        try {
            file = storage.create(path);
        } catch (IOException e) {
            throw failure(
                    "could not create segment " + path,
                    e,
                    "check free space and permissions of " + directory
                            + " (a leftover file of that name must be moved away)");
        }
        try {
            storage.forceDirectory(directory);
        } catch (IOException e) {
            closeQuietly(file, e);
            throw failure("could not make the new segment " + path + " durable", e, "check the disk");
        }
        return new Segment(file, baseOffset, Extent.empty(baseOffset), new SparseIndex(), indexIntervalBytes, -1);
    }

    /**
     * A segment over an open file whose first {@code extent.bytes()} bytes hold the batches {@code index}
     * describes.
     *
     * @param firstAppendMs the wall-clock time its first batch was appended, or -1 if not known or empty
     */
    public static Segment open(
            StorageFile file,
            long baseOffset,
            Extent extent,
            SparseIndex index,
            int indexIntervalBytes,
            long firstAppendMs) {
        return new Segment(file, baseOffset, extent, index, indexIntervalBytes, firstAppendMs);
    }

    /** The file. */
    public Path file() {
        return file.path();
    }

    /** The open file, for reads. */
    StorageFile storageFile() {
        return file;
    }

    /** The offset of the first offset the segment covers. */
    public long baseOffset() {
        return baseOffset;
    }

    /** How far its batches reach now. */
    public Extent extent() {
        return extent;
    }

    /** The offset after the last one covered. */
    public long endOffset() {
        return extent.endOffset();
    }

    /** The bytes its batches take. */
    public int sizeBytes() {
        return extent.bytes();
    }

    /** Its sparse index. */
    public SparseIndex index() {
        return index;
    }

    /** When its first batch was appended (wall clock, epoch ms), or -1 while empty or not known. */
    public long firstAppendMs() {
        return firstAppendMs;
    }

    /** Whether a failed append left bytes after the last batch that could not be truncated away. */
    public boolean tornTail() {
        return tornTail;
    }

    /**
     * Writes one sealed batch after the last one, with one positional write, and indexes it. Writer only.
     * On failure truncates the file back, so the next append starts clean; if that fails too,
     * {@link #tornTail()} turns true and the segment must take no more appends.
     *
     * @param batch the batch, from position 0 to the limit
     * @param nowMs the wall clock, epoch ms
     * @throws StorageFullException if the disk is full; nothing of the batch is kept
     * @throws StorageException     if the write fails otherwise
     */
    public void append(ByteBuffer batch, long nowMs) {
        Extent before = extent;
        int start = before.bytes();
        int size = batch.remaining();
        try {
            file.write(batch, start);
        } catch (IOException e) {
            throw failure(
                    "could not write a batch of " + size + " bytes at byte " + start + " of " + file.path()
                            + rollBack(start),
                    e,
                    "free disk space or fix the disk, then append again");
        }
        long batchBase = BatchFormat.baseOffset(batch, 0);
        if (start > 0 && start - lastEntry >= indexIntervalBytes) {
            index.add((int) (batchBase - baseOffset), start, before.maxTimestamp());
            lastEntry = start;
        }
        if (firstAppendMs < 0) {
            firstAppendMs = nowMs;
        }
        extent = before.plus(size, BatchFormat.endOffset(batch, 0), BatchFormat.maxTimestamp(batch, 0));
    }

    /**
     * Forces every byte written so far to the disk ({@code fdatasync}). Any thread.
     *
     * @throws StorageException if the disk reports a failure; the written bytes' fate is then unknown
     */
    public void force() {
        try {
            file.force();
        } catch (IOException e) {
            throw new StorageException(
                    "could not flush " + file.path() + " to disk: " + e + "; records written since the last flush"
                            + " may be lost, so their appends are not acknowledged: check the disk, then restart"
                            + " Flows, which recovers the file to its last whole batch",
                    e);
        }
    }

    /**
     * Cuts the file to {@code bytes} and forces the cut to disk: recovery's removal of a torn tail.
     *
     * @throws StorageException if the file cannot be truncated
     */
    public void truncateTo(long bytes) {
        try {
            file.truncate(bytes);
            file.force();
        } catch (IOException e) {
            throw new StorageException(
                    "could not truncate the torn tail of " + file.path() + " at byte " + bytes + ": " + e
                            + "; check the disk and permissions, then open the channel again",
                    e);
        }
    }

    /**
     * Writes the index file describing the batches within {@code upTo} (an extent this segment had, whose
     * bytes are forced); see {@link IndexFile#write}.
     */
    public void writeIndex(Storage storage, Extent upTo) throws IOException {
        IndexFile.write(storage, SegmentName.indexOf(file.path()), baseOffset, upTo, index);
    }

    /** Closes the file. Reads and appends fail afterwards. */
    @Override
    public void close() {
        try {
            file.close();
        } catch (IOException e) {
            throw new StorageException(
                    "could not close " + file.path() + ": " + e + "; check the disk; its data was flushed before", e);
        }
    }

    @Override
    public String toString() {
        return file.path().getFileName() + " " + extent;
    }

    /** A storage failure with the usual three parts; a full disk becomes the retryable kind. */
    static StorageException failure(String what, IOException e, String advice) {
        if (Storage.isDiskFull(e)) {
            return new StorageFullException(
                    what + ": the disk is full (" + e.getMessage() + "); nothing of it is kept or acknowledged;"
                            + " free disk space (delete files or shorten retention), and appends resume by themselves",
                    e);
        }
        return new StorageException(what + ": " + e + "; " + advice, e);
    }

    private String rollBack(int start) {
        try {
            file.truncate(start);
            return " (the partial write was removed)";
        } catch (IOException truncateFailure) {
            tornTail = true;
            return " (and removing the partial write failed too: " + truncateFailure
                    + ", so the partition takes no more appends until Flows restarts and recovers it)";
        }
    }

    private static void closeQuietly(StorageFile file, IOException failure) {
        try {
            file.close();
        } catch (IOException closeFailure) {
            failure.addSuppressed(closeFailure);
        }
    }
}
