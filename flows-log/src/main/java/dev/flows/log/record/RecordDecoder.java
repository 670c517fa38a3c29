package dev.flows.log.record;

import dev.flows.api.channel.ChannelRecord;
import java.nio.ByteBuffer;

/**
 * Checks and decodes records in {@link RecordFormat} version 1 from a heap buffer that holds the whole
 * record. Stateless and thread-safe.
 */
public final class RecordDecoder {

    private RecordDecoder() {}

    /**
     * Checks the record at {@code at}, whose {@code length} field the caller has read and found to be at
     * least {@link RecordFormat#MIN_LENGTH}, with every byte it counts present in the buffer.
     *
     * @param verifyCrc whether to compute the CRC when the structure looks right; a structural mismatch is
     *     always classified by its CRC, to tell damage from a newer format
     */
    public static RecordCheck check(ByteBuffer buffer, int at, long expectedOffset, boolean verifyCrc) {
        int size = buffer.getInt(at) + RecordFormat.LENGTH_BYTES;
        int storedCrc = buffer.getInt(at + RecordFormat.CRC_OFFSET);
        if (verifyCrc) {
            int computed = RecordEncoder.crcOf(buffer, at, size);
            if (computed != storedCrc) {
                return new RecordCheck.Corrupt(
                        "its CRC32C is %08x but its bytes give %08x".formatted(storedCrc, computed));
            }
        }
        byte magic = buffer.get(at + RecordFormat.MAGIC_OFFSET);
        byte attributes = buffer.get(at + RecordFormat.ATTRIBUTES_OFFSET);
        if (magic != RecordFormat.VERSION || (attributes & ~RecordFormat.KNOWN_ATTRIBUTES) != 0) {
            return unknownFormat(buffer, at, size, storedCrc, magic, attributes);
        }
        long offset = buffer.getLong(at + RecordFormat.RECORD_OFFSET_OFFSET);
        if (offset != expectedOffset) {
            return new RecordCheck.Corrupt("it holds offset " + offset + " where " + expectedOffset + " was expected");
        }
        if (fieldsEnd(buffer, at, at + size) != at + size) {
            return new RecordCheck.Corrupt("its field lengths do not add up to its length of " + size + " bytes");
        }
        return RecordCheck.VALID;
    }

    /** Decodes the record at {@code at}, which {@link #check} found valid. */
    public static ChannelRecord decode(ByteBuffer buffer, int at, int partition) {
        long offset = buffer.getLong(at + RecordFormat.RECORD_OFFSET_OFFSET);
        long timestampMs = buffer.getLong(at + RecordFormat.TIMESTAMP_OFFSET);
        int keyLength = buffer.getInt(at + RecordFormat.KEY_LENGTH_OFFSET);
        byte[] key = bytesAt(buffer, at + RecordFormat.KEY_OFFSET, keyLength);
        int valueAt = at + RecordFormat.KEY_OFFSET + Math.max(keyLength, 0);
        byte[] value = bytesAt(buffer, valueAt + 4, buffer.getInt(valueAt));
        return new ChannelRecord(partition, offset, timestampMs, key, value);
    }

    private static RecordCheck unknownFormat(
            ByteBuffer buffer, int at, int size, int storedCrc, byte magic, byte attributes) {
        String found = "format version " + magic + " with attribute bits " + Integer.toBinaryString(attributes & 0xff);
        if (RecordEncoder.crcOf(buffer, at, size) == storedCrc) {
            return new RecordCheck.Unsupported("it is intact but uses " + found);
        }
        return new RecordCheck.Corrupt("it claims " + found + " and its CRC32C does not match");
    }

    /**
     * Walks the variable-length fields and returns where they end, or -1 when a length is negative or runs
     * past {@code limit}.
     */
    private static int fieldsEnd(ByteBuffer buffer, int at, int limit) {
        int position = skipBytes(buffer, at + RecordFormat.KEY_LENGTH_OFFSET, limit);
        position = skipBytes(buffer, position, limit);
        if (position < 0 || position + 4 > limit) {
            return -1;
        }
        int headers = buffer.getInt(position);
        position += 4;
        for (int i = 0; i < headers && position >= 0; i++) {
            position = skipBytes(buffer, skipBytes(buffer, position, limit), limit);
        }
        return headers < 0 ? -1 : position;
    }

    /** Skips one length-prefixed byte field at {@code position}; -1 if it is malformed or runs past limit. */
    private static int skipBytes(ByteBuffer buffer, int position, int limit) {
        if (position < 0 || position + 4 > limit) {
            return -1;
        }
        int length = buffer.getInt(position);
        if (length < RecordFormat.NULL_LENGTH || length > limit - position - 4) {
            return -1;
        }
        return position + 4 + Math.max(length, 0);
    }

    private static byte[] bytesAt(ByteBuffer buffer, int at, int length) {
        if (length == RecordFormat.NULL_LENGTH) {
            return null;
        }
        byte[] bytes = new byte[length];
        buffer.get(at, bytes);
        return bytes;
    }
}
