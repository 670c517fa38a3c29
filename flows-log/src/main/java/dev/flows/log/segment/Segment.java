package dev.flows.log.segment;

import dev.flows.api.channel.ChannelRecord;
import dev.flows.api.error.StorageException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * One segment file of a partition: records with dense offsets from {@link #baseOffset()}, and their
 * in-memory {@link OffsetIndex}. Appends come from one writer at a time (the partition holds its lock);
 * reads use positional I/O and may run at any time from any thread, on records the index already counts.
 */
public final class Segment implements AutoCloseable {

    private final Path file;
    private final FileChannel channel;
    private final long baseOffset;
    private final OffsetIndex index;
    private volatile boolean tornTail;

    private Segment(Path file, FileChannel channel, long baseOffset, OffsetIndex index) {
        this.file = file;
        this.channel = channel;
        this.baseOffset = baseOffset;
        this.index = index;
    }

    /**
     * Creates an empty segment file named after {@code baseOffset} in {@code directory}, durably (the
     * directory is forced too).
     *
     * @throws StorageException if the file exists or cannot be created
     */
    public static Segment create(Path directory, long baseOffset) {
        Path file = directory.resolve(SegmentName.of(baseOffset));
        FileChannel channel;
        try {
            channel = FileChannel.open(
                    file, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new StorageException(
                    "could not create segment " + file + ": " + e + "; check free space and permissions of " + directory
                            + " (a leftover file of that name must be moved away)",
                    e);
        }
        Segment segment = new Segment(file, channel, baseOffset, new OffsetIndex());
        try {
            DurableDirectory.force(directory);
        } catch (StorageException e) {
            segment.close();
            throw e;
        }
        return segment;
    }

    /** A segment over an open file whose records {@code index} describes (see {@link SegmentScanner}). */
    public static Segment open(Path file, FileChannel channel, long baseOffset, OffsetIndex index) {
        return new Segment(file, channel, baseOffset, index);
    }

    /** The file. */
    public Path file() {
        return file;
    }

    /** The offset of the first record. */
    public long baseOffset() {
        return baseOffset;
    }

    /** The offset after the last record indexed. */
    public long endOffset() {
        return baseOffset + index.count();
    }

    /** The bytes the indexed records take. */
    public int sizeBytes() {
        return index.bytes();
    }

    /** Whether a failed append left bytes after the last record that could not be truncated away. */
    public boolean tornTail() {
        return tornTail;
    }

    /**
     * Writes encoded records after the last one with one positional write and indexes them. Writer only. On
     * failure, truncates the file back so the next append starts clean; if that fails too, {@link #tornTail()}
     * turns true and the segment must take no more appends.
     *
     * @param records     the encoded records, from position 0 to the limit
     * @param recordBytes the size of each record in {@code records}, in order
     * @throws StorageException if the write fails
     */
    public void append(ByteBuffer records, int[] recordBytes) {
        int start = index.bytes();
        try {
            while (records.hasRemaining()) {
                channel.write(records, start + records.position());
            }
        } catch (IOException e) {
            throw new StorageException(
                    "could not write " + records.limit() + " bytes at byte " + start + " of " + file + ": " + e
                            + rollBack(start) + "; free disk space or fix the disk, then append again",
                    e);
        }
        for (int bytes : recordBytes) {
            index.add(bytes);
        }
    }

    /**
     * Forces every byte written so far to the disk ({@code fdatasync}). Any thread.
     *
     * @throws StorageException if the disk reports a failure; the written bytes' fate is then unknown
     */
    public void force() {
        try {
            channel.force(false);
        } catch (IOException e) {
            throw new StorageException(
                    "could not flush " + file + " to disk: " + e + "; records written since the last flush may be"
                            + " lost: check the disk, then restart Flows, which recovers the file to its last whole record",
                    e);
        }
    }

    /**
     * Reads records from {@code fromOffset} up to {@code toOffset} (exclusive, at most {@link #endOffset()}
     * as the caller read it), at least one and no more than about {@link SegmentReader#MAX_READ_BYTES}.
     * Thread-safe; verifies each record's CRC.
     *
     * @throws StorageException if a record is damaged or the file cannot be read
     */
    public List<ChannelRecord> read(long fromOffset, long toOffset, int partition) {
        return SegmentReader.read(this, channel, index, fromOffset, toOffset, partition);
    }

    /** Drops the spare capacity of the index once the segment takes no more records. Writer only. */
    public void seal() {
        index.trim();
    }

    /**
     * Cuts the file to {@code bytes} and forces the cut to disk: recovery's removal of a torn tail.
     *
     * @throws StorageException if the file cannot be truncated
     */
    public void truncateTo(long bytes) {
        try {
            channel.truncate(bytes);
            channel.force(true);
        } catch (IOException e) {
            throw new StorageException(
                    "could not truncate the torn tail of " + file + " at byte " + bytes + ": " + e
                            + "; check the disk and permissions, then open the channel again",
                    e);
        }
    }

    /** Closes the file. Reads and appends fail afterwards. */
    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new StorageException(
                    "could not close " + file + ": " + e + "; check the disk; its data was flushed before", e);
        }
    }

    /** Reads {@code buffer} full from {@code position}; used by {@link SegmentReader}. */
    static void readFully(FileChannel channel, Path file, ByteBuffer buffer, long position) throws IOException {
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new IOException("the file ends at " + (position + buffer.position())
                        + " bytes, before the records its index counts (was it truncated by another program?)");
            }
        }
    }

    /** Whether reading failed because the log was closed under the reader. */
    static boolean closedUnderneath(IOException e) {
        return e instanceof ClosedChannelException;
    }

    private String rollBack(int start) {
        try {
            channel.truncate(start);
            return " (the partial write was removed)";
        } catch (IOException truncateFailure) {
            tornTail = true;
            return " (and removing the partial write failed too: " + truncateFailure
                    + ", so the partition takes no more appends until Flows restarts and recovers it)";
        }
    }
}
