package dev.flows.log.recovery;

import dev.flows.log.storage.Storage;
import dev.flows.log.storage.StorageFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.zip.CRC32C;

/**
 * The recovery checkpoint of a partition, the file {@code recovery.checkpoint}: how much of which segment
 * was known durable and clean when it was written. At open, only what lies after it is scanned, and damage
 * before it is reported as corruption, never truncated as a torn tail. Written whenever a forced
 * partition moved on (at most once per checkpoint interval), at each roll and at close; atomically (a
 * forced temporary file, renamed, then the directory forced). Big-endian:
 *
 * <pre>
 *  byte  size  field
 *  ----  ----  ----------------------------------------------------------------------------
 *     0     4  magic          "FLCP"
 *     4     4  crc            CRC32C of every byte after this field
 *     8     1  version        1
 *     9     3  reserved       0
 *    12     8  segmentBase    base offset of the segment it speaks of (the active one when written)
 *    20     4  position       bytes of that segment, whole batches, forced to disk
 *    24     8  endOffset      the offset after the last one those bytes cover
 *    32     8  firstAppendMs  wall clock of the segment's first append, epoch ms; -1 if none
 * </pre>
 *
 * @param segmentBase   the segment's base offset
 * @param position      the bytes known durable and clean
 * @param endOffset     the offset after those bytes
 * @param firstAppendMs when the segment got its first batch, for rolling by age; -1 if empty
 */
public record RecoveryCheckpoint(long segmentBase, int position, long endOffset, long firstAppendMs) {

    /** The file's name in the partition directory. */
    public static final String FILE_NAME = "recovery.checkpoint";

    /** "FLCP". */
    static final int MAGIC = 0x464C4350;

    static final byte VERSION = 1;
    static final int BYTES = 40;

    /** What reading the checkpoint gave. */
    public sealed interface Load {}

    /** A well-formed checkpoint. */
    public record Loaded(RecoveryCheckpoint checkpoint) implements Load {}

    /** No checkpoint file. */
    public record Missing() implements Load {}

    /** A checkpoint file that cannot be used, and why. */
    public record Unusable(String reason) implements Load {}

    /** Reads the checkpoint of the partition in {@code directory}; never throws for bad content. */
    public static Load read(Storage storage, Path directory) {
        Path file = directory.resolve(FILE_NAME);
        if (!storage.exists(file)) {
            return new Missing();
        }
        try (StorageFile in = storage.openReadable(file)) {
            ByteBuffer buffer = ByteBuffer.allocate(BYTES);
            if (in.size() != BYTES || in.read(buffer, 0) != BYTES) {
                return new Unusable("it holds " + in.size() + " bytes where " + BYTES + " belong");
            }
            return parse(buffer);
        } catch (IOException e) {
            return new Unusable("it cannot be read: " + e);
        }
    }

    /**
     * Writes this checkpoint into {@code directory} durably: a forced temporary file renamed over the old
     * one, then the directory forced.
     */
    public void write(Storage storage, Path directory) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(BYTES);
        buffer.putInt(MAGIC).putInt(0).put(VERSION).put((byte) 0).putShort((short) 0);
        buffer.putLong(segmentBase).putInt(position).putLong(endOffset).putLong(firstAppendMs);
        buffer.putInt(4, crcOf(buffer.flip()));
        Path file = directory.resolve(FILE_NAME);
        Path temporary = directory.resolve(FILE_NAME + ".tmp");
        storage.delete(temporary);
        try (StorageFile out = storage.create(temporary)) {
            out.write(buffer, 0);
            out.force();
        }
        storage.move(temporary, file);
        storage.forceDirectory(directory);
    }

    private static Load parse(ByteBuffer buffer) {
        if (buffer.getInt(0) != MAGIC || buffer.get(8) != VERSION) {
            return new Unusable("its magic or version is not a checkpoint's of version " + VERSION);
        }
        int stored = buffer.getInt(4);
        int computed = crcOf(buffer.flip());
        if (stored != computed) {
            return new Unusable("its CRC32C is %08x but its bytes give %08x".formatted(stored, computed));
        }
        RecoveryCheckpoint checkpoint =
                new RecoveryCheckpoint(buffer.getLong(12), buffer.getInt(20), buffer.getLong(24), buffer.getLong(32));
        if (checkpoint.segmentBase() < 0
                || checkpoint.position() < 0
                || checkpoint.endOffset() < checkpoint.segmentBase()) {
            return new Unusable("its fields do not fit together: " + checkpoint);
        }
        return new Loaded(checkpoint);
    }

    private static int crcOf(ByteBuffer buffer) {
        CRC32C crc = new CRC32C();
        crc.update(buffer.slice(8, buffer.limit() - 8));
        return (int) crc.getValue();
    }
}
