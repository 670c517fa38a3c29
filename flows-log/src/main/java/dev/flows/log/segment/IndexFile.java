package dev.flows.log.segment;

import dev.flows.log.storage.Storage;
import dev.flows.log.storage.StorageFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.zip.CRC32C;

/**
 * The index file beside a segment, {@code <base offset>.index}: the segment's {@link SparseIndex} and
 * {@link Extent}, so opening a closed segment reads a few kilobytes instead of scanning it. Derived data,
 * checked by CRC and by the segment's size when read, rebuilt from the segment when missing or wrong; yet
 * written to a forced temporary file renamed into place (made durable by the directory force of the roll or
 * checkpoint that follows), so that a power loss does not make every open rescan the closed segments.
 * Big-endian:
 *
 * <pre>
 *  byte  size  field
 *  ----  ----  ----------------------------------------------------------------------------
 *     0     4  magic         "FLXI"
 *     4     4  crc           CRC32C of every byte after this field
 *     8     1  version       1
 *     9     3  reserved      0
 *    12     8  baseOffset    the segment's base offset
 *    20     8  endOffset     the offset after the last one the described batches cover
 *    28     4  segmentBytes  bytes of whole batches described, from the start of the segment
 *    32     8  maxTimestamp  their largest record timestamp; Long.MIN_VALUE if none
 *    40     4  entryCount
 *    44        entries       entryCount times: int32 offsetDelta, int32 position,
 *                            int64 maxTimestampBefore (see SparseIndex)
 * </pre>
 *
 * Stateless.
 */
public final class IndexFile {

    /** "FLXI". */
    static final int MAGIC = 0x464C5849;

    static final byte VERSION = 1;
    static final int HEADER_BYTES = 44;
    static final int ENTRY_BYTES = 16;

    private IndexFile() {}

    /** What reading an index file gave. */
    public sealed interface Load {}

    /** A well-formed index for the segment. */
    public record Loaded(Extent extent, SparseIndex index) implements Load {}

    /** No index file. */
    public record Missing() implements Load {}

    /** An index file that cannot be used, and why. */
    public record Unusable(String reason) implements Load {}

    /** Reads the index file of the segment based at {@code baseOffset}; never throws for bad content. */
    public static Load read(Storage storage, Path file, long baseOffset) {
        if (!storage.exists(file)) {
            return new Missing();
        }
        try (StorageFile in = storage.openReadable(file)) {
            long size = in.size();
            if (size < HEADER_BYTES || size > Integer.MAX_VALUE) {
                return new Unusable("it holds " + size + " bytes, too few or too many for an index");
            }
            ByteBuffer buffer = ByteBuffer.allocate((int) size);
            in.read(buffer, 0);
            return parse(buffer.flip(), baseOffset);
        } catch (IOException e) {
            return new Unusable("it cannot be read: " + e);
        }
    }

    /**
     * Writes the index of the first {@code extent.bytes()} bytes of a segment, replacing the file: a forced
     * temporary file, renamed. The rename is durable after the directory's next force.
     */
    public static void write(Storage storage, Path file, long baseOffset, Extent extent, SparseIndex index)
            throws IOException {
        int entries = index.countBelow(extent.bytes());
        ByteBuffer buffer = ByteBuffer.allocate(HEADER_BYTES + entries * ENTRY_BYTES);
        buffer.putInt(MAGIC).putInt(0).put(VERSION).put((byte) 0).putShort((short) 0);
        buffer.putLong(baseOffset).putLong(extent.endOffset()).putInt(extent.bytes());
        buffer.putLong(extent.maxTimestamp()).putInt(entries);
        for (int i = 0; i < entries; i++) {
            buffer.putInt(index.offsetDelta(i)).putInt(index.position(i)).putLong(index.maxTimestampBefore(i));
        }
        buffer.putInt(4, crcOf(buffer.flip()));
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        storage.delete(temporary);
        try (StorageFile out = storage.create(temporary)) {
            out.write(buffer, 0);
            out.force();
        }
        storage.move(temporary, file);
    }

    private static Load parse(ByteBuffer buffer, long baseOffset) {
        if (buffer.getInt(0) != MAGIC || buffer.get(8) != VERSION) {
            return new Unusable("its magic or version is not an index's of version " + VERSION);
        }
        int stored = buffer.getInt(4);
        int computed = crcOf(buffer);
        if (stored != computed) {
            return new Unusable("its CRC32C is %08x but its bytes give %08x".formatted(stored, computed));
        }
        long base = buffer.getLong(12);
        Extent extent = new Extent(buffer.getInt(28), buffer.getLong(20), buffer.getLong(32));
        int entries = buffer.getInt(40);
        if (base != baseOffset
                || extent.endOffset() < base
                || extent.bytes() < 0
                || (long) entries * ENTRY_BYTES != buffer.limit() - HEADER_BYTES) {
            return new Unusable("its header does not fit the segment based at " + baseOffset);
        }
        SparseIndex index = new SparseIndex();
        int previous = 0;
        for (int i = 0; i < entries; i++) {
            int at = HEADER_BYTES + i * ENTRY_BYTES;
            int position = buffer.getInt(at + 4);
            if (position <= previous || position >= extent.bytes()) {
                return new Unusable("entry " + i + " points at byte " + position + ", out of order or range");
            }
            index.add(buffer.getInt(at), position, buffer.getLong(at + 8));
            previous = position;
        }
        return new Loaded(extent, index);
    }

    private static int crcOf(ByteBuffer buffer) {
        CRC32C crc = new CRC32C();
        crc.update(buffer.slice(8, buffer.limit() - 8));
        return (int) crc.getValue();
    }
}
