package dev.flows.log.record;

import dev.flows.api.channel.Append;
import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * Writes records in {@link RecordFormat} version 1 into a heap buffer. Stateless and thread-safe.
 */
public final class RecordEncoder {

    private RecordEncoder() {}

    /**
     * Encodes {@code append} at the buffer's position with the given offset and advances the position past
     * it.
     *
     * @return the bytes written
     * @throws java.nio.BufferOverflowException if the buffer has less room than {@link RecordFormat#sizeOf}
     */
    public static int encode(ByteBuffer buffer, long offset, Append append) {
        int start = buffer.position();
        int size = Math.toIntExact(RecordFormat.sizeOf(append));
        buffer.putInt(size - RecordFormat.LENGTH_BYTES);
        buffer.putInt(0);
        buffer.put(RecordFormat.VERSION);
        buffer.put(RecordFormat.KNOWN_ATTRIBUTES);
        buffer.putLong(offset);
        buffer.putLong(append.timestampMs());
        putBytes(buffer, append.key());
        putBytes(buffer, append.value());
        buffer.putInt(0);
        buffer.putInt(start + RecordFormat.CRC_OFFSET, crcOf(buffer, start, size));
        return size;
    }

    /** The CRC32C of the record of {@code size} bytes at {@code start}, over the bytes the CRC covers. */
    static int crcOf(ByteBuffer buffer, int start, int size) {
        CRC32C crc = new CRC32C();
        crc.update(buffer.slice(start + RecordFormat.CRC_START, size - RecordFormat.CRC_START));
        return (int) crc.getValue();
    }

    private static void putBytes(ByteBuffer buffer, byte[] bytes) {
        if (bytes == null) {
            buffer.putInt(RecordFormat.NULL_LENGTH);
        } else {
            buffer.putInt(bytes.length);
            buffer.put(bytes);
        }
    }
}
