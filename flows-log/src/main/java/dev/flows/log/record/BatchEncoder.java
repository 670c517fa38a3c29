package dev.flows.log.record;

import dev.flows.api.channel.Append;
import dev.flows.api.channel.ChannelRecord;
import dev.flows.api.channel.Header;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Writes batches in {@link BatchFormat} version 3 into a buffer, heap or direct. Encoding happens before
 * the base offset is known (outside the partition lock); {@link #seal} then sets it and the CRC.
 * Stateless and thread-safe.
 */
public final class BatchEncoder {

    private BatchEncoder() {}

    /**
     * Encodes {@code records} (at least one) as one batch without a producer at the buffer's position, with
     * base offset 0 and no CRC yet, and advances the position past it.
     *
     * @return the bytes written, {@link BatchFormat#sizeOf} of the records
     * @throws java.nio.BufferOverflowException if the buffer has less room
     */
    public static int encode(ByteBuffer buffer, List<Append> records) {
        return encode(buffer, records, BatchProducer.NONE);
    }

    /**
     * Encodes {@code records} (at least one) as one batch of {@code producer} at the buffer's position, with
     * base offset 0 and no CRC yet, and advances the position past it.
     *
     * @return the bytes written, {@link BatchFormat#sizeOf} of the records and producer
     * @throws java.nio.BufferOverflowException if the buffer has less room
     */
    public static int encode(ByteBuffer buffer, List<Append> records, BatchProducer producer) {
        int start = buffer.position();
        long first = records.getFirst().timestampMs();
        long max = first;
        byte[] producerId = producer.idBytes();
        buffer.position(start + BatchFormat.HEADER_BYTES + producerId.length);
        for (int i = 0; i < records.size(); i++) {
            Append append = records.get(i);
            max = Math.max(max, append.timestampMs());
            putRecord(buffer, append.timestampMs() - first, i, append.key(), append.value(), append.headers());
        }
        putHeader(buffer, start, 0, records.size() - 1, records.size(), first, max);
        putProducer(buffer, start, producer, producerId);
        return buffer.position() - start;
    }

    /**
     * Encodes stored records, keeping their offsets, as one batch covering {@code baseOffset} to
     * {@code baseOffset + lastOffsetDelta}: how compaction rewrites a batch it thinned out. Seals it too.
     *
     * @param records        in offset order, all within the covered range; may be empty
     * @param emptyTimestamp the timestamps of the batch when {@code records} is empty
     * @param producer       the producer fields of the batch as written, kept as they were
     * @return the bytes written
     */
    public static int encodeKept(
            ByteBuffer buffer,
            long baseOffset,
            int lastOffsetDelta,
            List<ChannelRecord> records,
            long emptyTimestamp,
            BatchProducer producer) {
        int start = buffer.position();
        long first = records.isEmpty() ? emptyTimestamp : records.getFirst().timestampMs();
        long max = first;
        byte[] producerId = producer.idBytes();
        buffer.position(start + BatchFormat.HEADER_BYTES + producerId.length);
        for (ChannelRecord record : records) {
            max = Math.max(max, record.timestampMs());
            putRecord(
                    buffer,
                    record.timestampMs() - first,
                    Math.toIntExact(record.offset() - baseOffset),
                    record.key(),
                    record.value(),
                    record.headers());
        }
        putHeader(buffer, start, baseOffset, lastOffsetDelta, records.size(), first, max);
        putProducer(buffer, start, producer, producerId);
        seal(buffer, start, baseOffset);
        return buffer.position() - start;
    }

    /** Bytes {@link #encodeKept} writes for these records. */
    public static int sizeOfKept(long baseOffset, List<ChannelRecord> records, BatchProducer producer) {
        int size = BatchFormat.HEADER_BYTES + producer.idBytes().length;
        long first = records.isEmpty() ? 0 : records.getFirst().timestampMs();
        for (ChannelRecord record : records) {
            int body = BatchFormat.recordBodySize(
                    record.timestampMs() - first,
                    Math.toIntExact(record.offset() - baseOffset),
                    record.key(),
                    record.value(),
                    record.headers());
            size += Varint.sizeOfInt(body) + body;
        }
        return size;
    }

    /** Sets the base offset of the encoded batch at {@code at} and computes its CRC. */
    public static void seal(ByteBuffer buffer, int at, long baseOffset) {
        buffer.putLong(at + BatchFormat.BASE_OFFSET_OFFSET, baseOffset);
        buffer.putInt(at + BatchFormat.CRC_OFFSET, crcOf(buffer, at, BatchFormat.size(buffer, at)));
    }

    /** The CRC32C of the batch of {@code size} bytes at {@code at}, over the bytes the CRC covers. */
    public static int crcOf(ByteBuffer buffer, int at, int size) {
        CRC32C crc = new CRC32C();
        crc.update(buffer.slice(at + BatchFormat.CRC_START, size - BatchFormat.CRC_START));
        return (int) crc.getValue();
    }

    private static void putHeader(
            ByteBuffer buffer, int start, long baseOffset, int lastOffsetDelta, int count, long first, long max) {
        int size = buffer.position() - start;
        buffer.putInt(start + BatchFormat.LENGTH_OFFSET, size - BatchFormat.LENGTH_BYTES);
        buffer.putInt(start + BatchFormat.CRC_OFFSET, 0);
        buffer.put(start + BatchFormat.MAGIC_OFFSET, BatchFormat.VERSION);
        buffer.put(start + BatchFormat.ATTRIBUTES_OFFSET, BatchFormat.KNOWN_ATTRIBUTES);
        buffer.putLong(start + BatchFormat.BASE_OFFSET_OFFSET, baseOffset);
        buffer.putInt(start + BatchFormat.LAST_OFFSET_DELTA_OFFSET, lastOffsetDelta);
        buffer.putInt(start + BatchFormat.RECORD_COUNT_OFFSET, count);
        buffer.putLong(start + BatchFormat.FIRST_TIMESTAMP_OFFSET, first);
        buffer.putLong(start + BatchFormat.MAX_TIMESTAMP_OFFSET, max);
    }

    private static void putProducer(ByteBuffer buffer, int start, BatchProducer producer, byte[] producerId) {
        if (producerId.length > BatchFormat.MAX_PRODUCER_ID_BYTES) {
            throw new IllegalArgumentException("the producer id '" + producer.producerId() + "' takes "
                    + producerId.length + " bytes, more than the " + BatchFormat.MAX_PRODUCER_ID_BYTES + " allowed");
        }
        buffer.putLong(start + BatchFormat.FIRST_SEQUENCE_OFFSET, producer.firstSequence());
        buffer.putLong(start + BatchFormat.LAST_SEQUENCE_OFFSET, producer.lastSequence());
        buffer.putShort(start + BatchFormat.PRODUCER_ID_LENGTH_OFFSET, (short) producerId.length);
        buffer.put(start + BatchFormat.PRODUCER_ID_OFFSET, producerId);
    }

    private static void putRecord(
            ByteBuffer buffer, long timestampDelta, int offsetDelta, byte[] key, byte[] value, List<Header> headers) {
        Varint.putInt(buffer, BatchFormat.recordBodySize(timestampDelta, offsetDelta, key, value, headers));
        buffer.put(BatchFormat.KNOWN_ATTRIBUTES);
        Varint.putLong(buffer, timestampDelta);
        Varint.putInt(buffer, offsetDelta);
        putBytes(buffer, key);
        putBytes(buffer, value);
        Varint.putInt(buffer, headers.size());
        for (Header header : headers) {
            putBytes(buffer, header.key().getBytes(StandardCharsets.UTF_8));
            putBytes(buffer, header.value());
        }
    }

    private static void putBytes(ByteBuffer buffer, byte[] bytes) {
        if (bytes == null) {
            Varint.putInt(buffer, BatchFormat.NULL_LENGTH);
        } else {
            Varint.putInt(buffer, bytes.length);
            buffer.put(bytes);
        }
    }
}
