package dev.flows.log.group;

import dev.flows.api.error.StorageException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * The file of one consumer group: two copies ("slots") of the committed offsets, written in turn, so that
 * a write torn by a crash or a power loss damages only the copy being written and the other still holds
 * the commit before. All integers are big-endian.
 *
 * <pre>
 *  file: slot 0 | slot 1      each slot {@code slotBytes} long, a multiple of 4096 so that the two never
 *                             share a disk sector; generation g lives in slot g % 2
 *
 *  slot:
 *  byte    size  field
 *  ------  ----  ------------------------------------------------------------------------------
 *       0     1  version      int8: 1
 *       1     8  generation   int64: commits since the file was created (0 and 1 at creation)
 *       9     4  count        int32: partitions with a committed offset
 *      13  12·n  entries      count times: int32 partition, int64 next offset to read
 *  13+12n     4  crc          CRC32C (Castagnoli) of bytes 0 .. 13+12n
 *  (zero padding to slotBytes)
 * </pre>
 *
 * <p>A commit overwrites the older slot in place and flushes the file: one write and one {@code fsync}. Opening reads both slots and takes the valid one with
 * the higher generation; a damaged newer slot falls back to the commit before, logged at WARNING. A new
 * file is written beside and renamed into place, so it exists whole or not at all. Not thread-safe: {@link
 * DurableConsumerGroup} serialises calls.
 */
final class OffsetsFile implements AutoCloseable {

    static final byte VERSION = 1;
    static final int VERSION_OFFSET = 0;
    static final int GENERATION_OFFSET = 1;
    static final int COUNT_OFFSET = 9;
    static final int ENTRIES_OFFSET = 13;
    static final int ENTRY_BYTES = 12;
    static final int CRC_BYTES = 4;
    static final int SECTOR_BYTES = 4096;

    /** The offset of a partition without a commit, in the arrays this class takes and returns. */
    static final long NONE = -1;

    private static final System.Logger LOG = System.getLogger(OffsetsFile.class.getName());

    private final Path file;
    private final RandomAccessFile out;
    private final int slotBytes;
    private final long[] loaded;
    private long generation;

    private OffsetsFile(Path file, RandomAccessFile out, int slotBytes, long generation, long[] loaded) {
        this.file = file;
        this.out = out;
        this.slotBytes = slotBytes;
        this.generation = generation;
        this.loaded = loaded;
    }

    /**
     * Opens the file of group {@code group}, creating it (with nothing committed) when it does not exist.
     *
     * @throws StorageException if the file cannot be read or written, or neither slot is valid
     */
    static OffsetsFile open(Path file, String group, int partitions) {
        int slotBytes = slotBytes(partitions);
        try {
            if (!Files.exists(file)) {
                create(file, slotBytes, 0, emptyOffsets(partitions));
            }
            byte[] bytes = DurableFiles.readAll(file);
            Slot current = current(file, group, partitions, bytes);
            if (bytes.length != 2 * slotBytes) {
                create(file, slotBytes, current.generation(), current.offsets());
            }
            RandomAccessFile out = new RandomAccessFile(file.toFile(), "rw");
            return new OffsetsFile(file, out, slotBytes, current.generation(), current.offsets());
        } catch (IOException e) {
            throw new StorageException(
                    "could not open the offsets file " + file + " of consumer group '" + group + "': " + e
                            + "; check the disk and the file's permissions, then open the group again",
                    e);
        }
    }

    /** The offsets read at open, {@link #NONE} for partitions without a commit. */
    long[] loaded() {
        return loaded.clone();
    }

    /**
     * Writes {@code offsets} as the next generation and forces it to disk.
     *
     * @throws StorageException if the write or the flush fails; the previous commit stays in the file
     */
    void write(long[] offsets) {
        long next = generation + 1;
        ByteBuffer slot = encode(next, offsets, slotBytes);
        try {
            out.seek((next % 2) * slotBytes);
            out.write(slot.array());
            out.getFD().sync();
        } catch (IOException e) {
            throw new StorageException(
                    "could not write the offsets file " + file + ": " + e
                            + "; the previous commit is kept; check the disk (space, errors), then commit again",
                    e);
        }
        generation = next;
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new StorageException(
                    "could not close the offsets file " + file + ": " + e
                            + "; every commit was flushed before it returned, so nothing is lost",
                    e);
        }
    }

    static int slotBytes(int partitions) {
        long needed = ENTRIES_OFFSET + (long) ENTRY_BYTES * partitions + CRC_BYTES;
        return Math.toIntExact((needed + SECTOR_BYTES - 1) / SECTOR_BYTES * SECTOR_BYTES);
    }

    static long[] emptyOffsets(int partitions) {
        long[] offsets = new long[partitions];
        Arrays.fill(offsets, NONE);
        return offsets;
    }

    /** Writes a whole new file (generations {@code generation} and {@code generation + 1}) beside, then renames. */
    private static void create(Path file, int slotBytes, long generation, long[] offsets) throws IOException {
        long even = generation % 2 == 0 ? generation : generation + 1;
        ByteBuffer bytes = ByteBuffer.allocate(2 * slotBytes);
        bytes.put(encode(even, offsets, slotBytes))
                .put(encode(even == generation ? generation + 1 : generation, offsets, slotBytes));
        DurableFiles.writeAtomically(file, bytes.array());
    }

    private static Slot current(Path file, String group, int partitions, byte[] bytes) {
        int half = bytes.length / 2;
        Slot first = decode(bytes, 0, half, partitions, bytes.length % 2 != 0);
        Slot second = decode(bytes, half, half, partitions, bytes.length % 2 != 0);
        if (first.problem() != null && second.problem() != null) {
            throw new StorageException("the offsets file " + file + " of consumer group '" + group
                    + "' is damaged: neither of its two copies is readable (first: " + first.problem()
                    + "; second: " + second.problem() + "); restore the file from a backup, or delete it to"
                    + " start the group over from the beginning of every partition (which reprocesses events)");
        }
        Slot newer = second.problem() != null || (first.problem() == null && first.generation() > second.generation())
                ? first
                : second;
        Slot other = newer == first ? second : first;
        if (other.problem() != null) {
            LOG.log(
                    Level.WARNING,
                    "consumer group ''{0}'': one of the two copies in {1} is damaged ({2}); using the other"
                            + " (generation {3}), which may be the commit before the last, so some events may be"
                            + " read again",
                    group,
                    file,
                    other.problem(),
                    newer.generation());
        }
        return newer;
    }

    private static Slot decode(byte[] bytes, int from, int length, int partitions, boolean oddSize) {
        ByteBuffer slot = ByteBuffer.wrap(bytes, from, length).slice();
        if (oddSize || length < ENTRIES_OFFSET + CRC_BYTES) {
            return Slot.damaged(-1, "the file is " + bytes.length + " bytes, not two equal copies");
        }
        long generation = slot.getLong(GENERATION_OFFSET);
        int count = slot.getInt(COUNT_OFFSET);
        if (count < 0 || count > (length - ENTRIES_OFFSET - CRC_BYTES) / ENTRY_BYTES) {
            return Slot.damaged(generation, "its entry count " + count + " does not fit");
        }
        int crcAt = ENTRIES_OFFSET + count * ENTRY_BYTES;
        CRC32C crc = new CRC32C();
        crc.update(bytes, from, crcAt);
        if ((int) crc.getValue() != slot.getInt(crcAt)) {
            return Slot.damaged(generation, "its CRC32C does not match");
        }
        if (slot.get(VERSION_OFFSET) != VERSION) {
            return Slot.damaged(generation, "format version " + slot.get(VERSION_OFFSET) + " is unknown");
        }
        long[] offsets = emptyOffsets(partitions);
        for (int i = 0; i < count; i++) {
            int partition = slot.getInt(ENTRIES_OFFSET + i * ENTRY_BYTES);
            long offset = slot.getLong(ENTRIES_OFFSET + i * ENTRY_BYTES + 4);
            if (partition < 0 || partition >= partitions || offset < 0) {
                return Slot.damaged(
                        generation,
                        "it holds offset " + offset + " for partition " + partition + " but the channel has "
                                + partitions + " partitions");
            }
            offsets[partition] = offset;
        }
        return new Slot(generation, offsets, null);
    }

    private static ByteBuffer encode(long generation, long[] offsets, int slotBytes) {
        ByteBuffer slot = ByteBuffer.allocate(slotBytes);
        int count =
                (int) Arrays.stream(offsets).filter(offset -> offset != NONE).count();
        slot.put(VERSION_OFFSET, VERSION).putLong(GENERATION_OFFSET, generation).putInt(COUNT_OFFSET, count);
        int at = ENTRIES_OFFSET;
        for (int partition = 0; partition < offsets.length; partition++) {
            if (offsets[partition] != NONE) {
                slot.putInt(at, partition).putLong(at + 4, offsets[partition]);
                at += ENTRY_BYTES;
            }
        }
        CRC32C crc = new CRC32C();
        crc.update(slot.array(), 0, at);
        slot.putInt(at, (int) crc.getValue());
        return slot;
    }

    /** One decoded slot; {@code problem} says why it is unusable, null when it is fine. */
    private record Slot(long generation, long[] offsets, String problem) {

        static Slot damaged(long generation, String problem) {
            return new Slot(generation, null, problem);
        }
    }
}
