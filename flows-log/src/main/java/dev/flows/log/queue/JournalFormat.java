package dev.flows.log.queue;

import dev.flows.log.queue.JournalEntry.Acked;
import dev.flows.log.queue.JournalEntry.Counts;
import dev.flows.log.queue.JournalEntry.DeadLettered;
import dev.flows.log.queue.JournalEntry.Delivered;
import dev.flows.log.queue.JournalEntry.Header;
import dev.flows.log.queue.JournalEntry.Nacked;
import dev.flows.log.queue.JournalEntry.Next;
import dev.flows.log.queue.JournalEntry.Skipped;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * The on-disk layout of a queue journal entry, version 1. A journal file is these entries back to back,
 * a {@link Header} first. All integers are big-endian.
 *
 * <pre>
 *  byte  size  field
 *  ----  ----  -----------------------------------------------------------------------------
 *     0     4  length    int32: bytes after this field (crc, type, payload)
 *     4     4  crc       CRC32C (Castagnoli) of bytes 8 .. 4+length
 *     8     1  type      int8: 1 header, 2 counts, 3 next, 4 delivered, 5 acked, 6 nacked,
 *                        7 dead-lettered, 8 skipped
 *     9     .  payload   header:    int32 version, int32 partitions
 *                        counts:    int64 acked, int64 dead-lettered
 *                        delivered: int32 partition, int64 offset, int32 deliveries,
 *                                   int64 first delivery ms, int64 last delivery ms
 *                        nacked:    int32 partition, int64 offset, int32 error length, error (UTF-8)
 *                        the rest:  int32 partition, int64 offset
 * </pre>
 *
 * <p>Stateless.
 */
final class JournalFormat {

    static final int VERSION = 1;
    static final int LENGTH_OFFSET = 0;
    static final int CRC_OFFSET = 4;
    static final int TYPE_OFFSET = 8;
    static final int PAYLOAD_OFFSET = 9;

    /** Bytes of the length field, which the length does not count. */
    static final int LENGTH_BYTES = 4;

    /** Bytes of the crc field. */
    static final int CRC_BYTES = 4;

    /** Bytes of the length, crc and type fields. */
    static final int FRAME_BYTES = PAYLOAD_OFFSET;

    /** The largest entry a reader accepts, so a damaged length cannot make it allocate gigabytes. */
    static final int MAX_LENGTH = 1 << 20;

    private static final byte HEADER = 1;
    private static final byte COUNTS = 2;
    private static final byte NEXT = 3;
    private static final byte DELIVERED = 4;
    private static final byte ACKED = 5;
    private static final byte NACKED = 6;
    private static final byte DEAD_LETTERED = 7;
    private static final byte SKIPPED = 8;

    private JournalFormat() {}

    /** The entry, framed, as bytes. */
    static byte[] encode(JournalEntry entry) {
        byte[] error = entry instanceof Nacked nacked ? nacked.error().getBytes(StandardCharsets.UTF_8) : null;
        ByteBuffer buffer = ByteBuffer.allocate(PAYLOAD_OFFSET + payloadBytes(entry, error));
        buffer.position(TYPE_OFFSET);
        switch (entry) {
            case Header h -> buffer.put(HEADER).putInt(h.version()).putInt(h.partitions());
            case Counts c -> buffer.put(COUNTS).putLong(c.acked()).putLong(c.deadLettered());
            case Next n -> buffer.put(NEXT).putInt(n.partition()).putLong(n.offset());
            case Delivered d ->
                buffer.put(DELIVERED)
                        .putInt(d.partition())
                        .putLong(d.offset())
                        .putInt(d.deliveries())
                        .putLong(d.firstDeliveryMs())
                        .putLong(d.lastDeliveryMs());
            case Acked a -> buffer.put(ACKED).putInt(a.partition()).putLong(a.offset());
            case Nacked n ->
                buffer.put(NACKED)
                        .putInt(n.partition())
                        .putLong(n.offset())
                        .putInt(error.length)
                        .put(error);
            case DeadLettered d ->
                buffer.put(DEAD_LETTERED).putInt(d.partition()).putLong(d.offset());
            case Skipped s -> buffer.put(SKIPPED).putInt(s.partition()).putLong(s.offset());
        }
        buffer.putInt(LENGTH_OFFSET, buffer.capacity() - LENGTH_BYTES);
        CRC32C crc = new CRC32C();
        crc.update(buffer.array(), TYPE_OFFSET, buffer.capacity() - TYPE_OFFSET);
        buffer.putInt(CRC_OFFSET, (int) crc.getValue());
        return buffer.array();
    }

    /**
     * Decodes the entry at {@code position} of {@code file}.
     *
     * @return the entry and where the next one starts, or why none can be read there
     */
    static Decoded decode(ByteBuffer file, int position) {
        int available = file.limit() - position;
        if (available < FRAME_BYTES) {
            return Decoded.bad("only " + available + " bytes are left, too few for an entry");
        }
        int length = file.getInt(position + LENGTH_OFFSET);
        if (length < FRAME_BYTES - LENGTH_BYTES || length > MAX_LENGTH || length > available - LENGTH_BYTES) {
            return Decoded.bad("its length field claims " + length + " bytes but " + (available - LENGTH_BYTES)
                    + " follow (the most an entry may have is " + MAX_LENGTH + ")");
        }
        CRC32C crc = new CRC32C();
        crc.update(file.slice(position + TYPE_OFFSET, length - CRC_BYTES));
        if ((int) crc.getValue() != file.getInt(position + CRC_OFFSET)) {
            return Decoded.bad("its CRC32C does not match");
        }
        ByteBuffer payload = file.slice(position + PAYLOAD_OFFSET, length + LENGTH_BYTES - PAYLOAD_OFFSET);
        JournalEntry entry = payload(file.get(position + TYPE_OFFSET), payload);
        if (entry == null || payload.hasRemaining()) {
            return Decoded.bad("its type " + file.get(position + TYPE_OFFSET) + " or size is unknown");
        }
        return new Decoded(entry, position + LENGTH_BYTES + length, null);
    }

    private static JournalEntry payload(byte type, ByteBuffer in) {
        try {
            return switch (type) {
                case HEADER -> new Header(in.getInt(), in.getInt());
                case COUNTS -> new Counts(in.getLong(), in.getLong());
                case NEXT -> new Next(in.getInt(), in.getLong());
                case DELIVERED -> new Delivered(in.getInt(), in.getLong(), in.getInt(), in.getLong(), in.getLong());
                case ACKED -> new Acked(in.getInt(), in.getLong());
                case NACKED -> new Nacked(in.getInt(), in.getLong(), text(in));
                case DEAD_LETTERED -> new DeadLettered(in.getInt(), in.getLong());
                case SKIPPED -> new Skipped(in.getInt(), in.getLong());
                default -> null;
            };
        } catch (RuntimeException tooShort) {
            // BufferUnderflowException or a bad error length: the CRC matched, so a writer of another version.
            return null;
        }
    }

    private static String text(ByteBuffer in) {
        byte[] bytes = new byte[in.getInt()];
        in.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static int payloadBytes(JournalEntry entry, byte[] error) {
        return switch (entry) {
            case Header h -> 8;
            case Counts c -> 16;
            case Delivered d -> 32;
            case Nacked n -> 16 + error.length;
            case Next n -> 12;
            case Acked a -> 12;
            case DeadLettered d -> 12;
            case Skipped s -> 12;
        };
    }

    /** A decoded entry and the position after it, or the {@code problem} that kept it from decoding. */
    record Decoded(JournalEntry entry, int next, String problem) {

        static Decoded bad(String problem) {
            return new Decoded(null, -1, problem);
        }
    }
}
