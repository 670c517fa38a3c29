package dev.flows.log.recovery;

import dev.flows.log.producer.ProducerEntry;
import dev.flows.log.producer.ProducerState;
import dev.flows.log.record.BatchFormat;
import dev.flows.log.storage.Storage;
import dev.flows.log.storage.StorageFile;
import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The recovery checkpoint of a partition, the file {@code recovery.checkpoint}: how much of which segment
 * was known durable and clean when it was written, and the partition's producers as of that point. At
 * open, only what lies after it is scanned, damage before it is reported as corruption, never truncated as
 * a torn tail, and the producer batches the scan finds are applied to its producers. Written whenever a
 * forced partition moved on (at most once per checkpoint interval), at each roll and at close; atomically
 * (a forced temporary file, renamed, then the directory forced), so its producers always describe exactly
 * the offsets below its end offset. Big-endian:
 *
 * <pre>
 *  byte  size  field
 *  ----  ----  ----------------------------------------------------------------------------
 *     0     4  magic          "FLCP"
 *     4     4  crc            CRC32C of every byte after this field
 *     8     1  version        2
 *     9     3  reserved       0
 *    12     8  segmentBase    base offset of the segment it speaks of (the active one when written)
 *    20     4  position       bytes of that segment, whole batches, forced to disk
 *    24     8  endOffset      the offset after the last one those bytes cover
 *    32     8  firstAppendMs  wall clock of the segment's first append, epoch ms; -1 if none
 *    40     4  producerCount  producers that follow, least recently written first
 *    44        producers      producerCount times:
 *                               int16 idLength (1 .. 255), id (UTF-8),
 *                               int64 lastSequence, int64 lastOffset (below endOffset)
 * </pre>
 *
 * <p>Version 1 (40 bytes, no producers) is not read: the checkpoint is then ignored, as if missing.
 *
 * @param segmentBase   the segment's base offset
 * @param position      the bytes known durable and clean
 * @param endOffset     the offset after those bytes
 * @param firstAppendMs when the segment got its first batch, for rolling by age; -1 if empty
 * @param producers     the partition's producers as of {@code endOffset}, least recently written first
 */
public record RecoveryCheckpoint(
        long segmentBase, int position, long endOffset, long firstAppendMs, List<ProducerEntry> producers) {

    /** The file's name in the partition directory. */
    public static final String FILE_NAME = "recovery.checkpoint";

    /** "FLCP". */
    static final int MAGIC = 0x464C4350;

    static final byte VERSION = 2;
    static final int HEADER_BYTES = 44;

    /** The largest file a checkpoint of {@link ProducerState#MAX_PRODUCERS} producers takes, and some. */
    private static final long MAX_BYTES =
            HEADER_BYTES + (long) ProducerState.MAX_PRODUCERS * (2 + BatchFormat.MAX_PRODUCER_ID_BYTES + 16) * 2;

    public RecoveryCheckpoint {
        producers = List.copyOf(producers);
    }

    /** A checkpoint of a partition without producers. */
    public RecoveryCheckpoint(long segmentBase, int position, long endOffset, long firstAppendMs) {
        this(segmentBase, position, endOffset, firstAppendMs, List.of());
    }

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
            long size = in.size();
            if (size < HEADER_BYTES || size > MAX_BYTES) {
                return new Unusable("it holds " + size + " bytes, where a checkpoint of version " + VERSION + " takes "
                        + HEADER_BYTES + " to " + MAX_BYTES);
            }
            ByteBuffer buffer = ByteBuffer.allocate((int) size);
            if (in.read(buffer, 0) != size) {
                return new Unusable("it could not be read whole");
            }
            return parse(buffer.flip());
        } catch (IOException e) {
            return new Unusable("it cannot be read: " + e);
        }
    }

    /**
     * Writes this checkpoint into {@code directory} durably: a forced temporary file renamed over the old
     * one, then the directory forced.
     */
    public void write(Storage storage, Path directory) throws IOException {
        List<byte[]> ids = producers.stream()
                .map(entry -> entry.producerId().getBytes(StandardCharsets.UTF_8))
                .toList();
        int bytes = HEADER_BYTES;
        for (byte[] id : ids) {
            bytes += 2 + id.length + 16;
        }
        ByteBuffer buffer = ByteBuffer.allocate(bytes);
        buffer.putInt(MAGIC).putInt(0).put(VERSION).put((byte) 0).putShort((short) 0);
        buffer.putLong(segmentBase).putInt(position).putLong(endOffset).putLong(firstAppendMs);
        buffer.putInt(producers.size());
        for (int i = 0; i < ids.size(); i++) {
            buffer.putShort((short) ids.get(i).length).put(ids.get(i));
            buffer.putLong(producers.get(i).lastSequence())
                    .putLong(producers.get(i).lastOffset());
        }
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
        int computed = crcOf(buffer);
        if (stored != computed) {
            return new Unusable("its CRC32C is %08x but its bytes give %08x".formatted(stored, computed));
        }
        long segmentBase = buffer.getLong(12);
        int position = buffer.getInt(20);
        long endOffset = buffer.getLong(24);
        if (segmentBase < 0 || position < 0 || endOffset < segmentBase) {
            return new Unusable("its fields do not fit together: base %d, position %d, end offset %d"
                    .formatted(segmentBase, position, endOffset));
        }
        try {
            List<ProducerEntry> producers = producers(buffer.position(40), endOffset);
            return new Loaded(new RecoveryCheckpoint(segmentBase, position, endOffset, buffer.getLong(32), producers));
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            return new Unusable("its producers do not add up (" + e.getMessage() + ")");
        }
    }

    private static List<ProducerEntry> producers(ByteBuffer in, long endOffset) {
        int count = in.getInt();
        if (count < 0 || count > ProducerState.MAX_PRODUCERS) {
            throw new IllegalArgumentException("a producer count of " + count);
        }
        List<ProducerEntry> producers = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int length = Short.toUnsignedInt(in.getShort());
            if (length < 1 || length > BatchFormat.MAX_PRODUCER_ID_BYTES) {
                throw new IllegalArgumentException("producer " + i + " has an id of " + length + " bytes");
            }
            byte[] id = new byte[length];
            in.get(id);
            ProducerEntry entry = new ProducerEntry(new String(id, StandardCharsets.UTF_8), in.getLong(), in.getLong());
            if (entry.lastSequence() < 0 || entry.lastOffset() < 0 || entry.lastOffset() >= endOffset) {
                throw new IllegalArgumentException("producer " + i + " is " + entry);
            }
            producers.add(entry);
        }
        if (in.hasRemaining()) {
            throw new IllegalArgumentException(in.remaining() + " bytes follow the last producer");
        }
        return producers;
    }

    private static int crcOf(ByteBuffer buffer) {
        CRC32C crc = new CRC32C();
        crc.update(buffer.slice(8, buffer.limit() - 8));
        return (int) crc.getValue();
    }
}
