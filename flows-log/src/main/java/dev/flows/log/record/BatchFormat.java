package dev.flows.log.record;

import dev.flows.api.channel.Append;
import dev.flows.api.channel.Header;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The on-disk layout of a record batch, format version 3. A segment file is nothing but batches, back to
 * back, with increasing offsets. One append to one partition writes one batch. Fixed-size fields are
 * big-endian; a varint is a zig-zag LEB128 integer, as in Kafka's records (-1 takes one byte).
 *
 * <pre>
 *  batch
 *  byte  size  field
 *  ----  ----  --------------------------------------------------------------------------------
 *     0     4  length           int32: bytes after this field, header and records
 *     4     4  crc              CRC32C (Castagnoli) of every byte after this field: 8 .. 4+length
 *     8     1  magic            int8: format version, 3
 *     9     1  attributes       int8: reserved flags, 0; a reader refuses a bit it does not know
 *    10     8  baseOffset       int64: offset of the first offset the batch covers
 *    18     4  lastOffsetDelta  int32: last offset covered minus baseOffset; compaction keeps it, so a
 *                               batch may cover more offsets than it holds records
 *    22     4  recordCount      int32: records that follow, 0 .. lastOffsetDelta + 1
 *    26     8  firstTimestamp   int64: epoch ms; record timestamps are deltas from it
 *    34     8  maxTimestamp     int64: the largest record timestamp (firstTimestamp if no record)
 *    42     8  firstSequence    int64: producer sequence number of the first record; -1 without producer
 *    50     8  lastSequence     int64: producer sequence number of the last record; -1 without producer
 *    58     2  producerIdLength int16: bytes of producerId, 0 .. 255; 0 = written without a producer
 *    60     n  producerId       UTF-8: who appended the batch idempotently
 *  60+n        records          recordCount times, in increasing offset order:
 *
 *  record
 *  varint   length           bytes after this field
 *  int8     attributes       0
 *  varlong  timestampDelta   timestamp - firstTimestamp
 *  varint   offsetDelta      offset - baseOffset
 *  varint   keyLength        -1 for a null key
 *  bytes    key
 *  varint   valueLength      -1 for a null value: a tombstone
 *  bytes    value
 *  varint   headerCount
 *  header   headerCount times: varint nameLength, name (UTF-8), varint valueLength (-1 = null), value
 * </pre>
 *
 * <p>The length comes first so a reader can skip a batch unread; the CRC covers everything after itself,
 * producer fields included, so a torn or flipped byte past the length is caught, and a damaged length
 * sends the reader to a place where magic, offsets or CRC no longer match. Magic sits where version 1 put
 * it, so any version can be told apart. Only the last record's sequence number matters to deduplication
 * (a record at or below it is a duplicate), so records carry none of their own; sequence numbers may have
 * gaps. Version 2 is still read: its header is the first 42 bytes of this one, and its records start
 * there. Stateless.
 */
public final class BatchFormat {

    /** The format version this code writes, stored at {@link #MAGIC_OFFSET}. */
    public static final byte VERSION = 3;

    /** The oldest format version this code reads: version 2, whose batches have no producer fields. */
    public static final byte OLDEST_READABLE_VERSION = 2;

    public static final int LENGTH_OFFSET = 0;
    public static final int CRC_OFFSET = 4;
    public static final int MAGIC_OFFSET = 8;
    public static final int ATTRIBUTES_OFFSET = 9;
    public static final int BASE_OFFSET_OFFSET = 10;
    public static final int LAST_OFFSET_DELTA_OFFSET = 18;
    public static final int RECORD_COUNT_OFFSET = 22;
    public static final int FIRST_TIMESTAMP_OFFSET = 26;
    public static final int MAX_TIMESTAMP_OFFSET = 34;
    public static final int FIRST_SEQUENCE_OFFSET = 42;
    public static final int LAST_SEQUENCE_OFFSET = 50;
    public static final int PRODUCER_ID_LENGTH_OFFSET = 58;
    public static final int PRODUCER_ID_OFFSET = 60;

    /** Bytes of the batch header before the producer id; records start after the id. */
    public static final int HEADER_BYTES = PRODUCER_ID_OFFSET;

    /**
     * Bytes every readable version starts with, up to {@code maxTimestamp} (all of version 2's header):
     * what a reader looks at before it knows the version.
     */
    public static final int COMMON_HEADER_BYTES = 42;

    /** Bytes of the length field, which the length does not count. */
    public static final int LENGTH_BYTES = 4;

    /** The first byte the CRC covers. */
    public static final int CRC_START = MAGIC_OFFSET;

    /** The smallest value of the length field in any readable version: a version 2 batch without records. */
    public static final int MIN_LENGTH = COMMON_HEADER_BYTES - LENGTH_BYTES;

    /** The fewest bytes a record takes: one byte for each of its seven fields. */
    public static final int MIN_RECORD_BYTES = 7;

    /** Attribute bits this version knows, of batches and of records: none yet. */
    public static final byte KNOWN_ATTRIBUTES = 0;

    /** The length of a null key, value or header value. */
    public static final int NULL_LENGTH = -1;

    /** The sequence numbers of a batch without a producer. */
    public static final long NO_SEQUENCE = -1;

    /** The most bytes a producer id may take, UTF-8. */
    public static final int MAX_PRODUCER_ID_BYTES = 255;

    private BatchFormat() {}

    /** Bytes the batch of {@code records} takes on disk without a producer, length field included. */
    public static long sizeOf(List<Append> records) {
        return sizeOf(records, BatchProducer.NONE);
    }

    /** Bytes the batch of {@code records} from {@code producer} takes on disk, length field included. */
    public static long sizeOf(List<Append> records, BatchProducer producer) {
        long size = HEADER_BYTES + producer.idBytes().length;
        long first = records.getFirst().timestampMs();
        for (int i = 0; i < records.size(); i++) {
            Append append = records.get(i);
            int body = recordBodySize(append.timestampMs() - first, i, append.key(), append.value(), append.headers());
            size += Varint.sizeOfInt(body) + body;
        }
        return size;
    }

    /** Bytes of one record after its length field. */
    static int recordBodySize(long timestampDelta, int offsetDelta, byte[] key, byte[] value, List<Header> headers) {
        int size = 1 + Varint.sizeOfLong(timestampDelta) + Varint.sizeOfInt(offsetDelta);
        size += sizeOfBytes(key) + sizeOfBytes(value) + Varint.sizeOfInt(headers.size());
        for (Header header : headers) {
            size += sizeOfBytes(header.key().getBytes(StandardCharsets.UTF_8)) + sizeOfBytes(header.value());
        }
        return size;
    }

    private static int sizeOfBytes(byte[] bytes) {
        return bytes == null ? 1 : Varint.sizeOfInt(bytes.length) + bytes.length;
    }

    /** The length field of the batch at {@code at}. */
    public static int length(ByteBuffer buffer, int at) {
        return buffer.getInt(at + LENGTH_OFFSET);
    }

    /** The bytes the batch at {@code at} takes, length field included, by its length field. */
    public static int size(ByteBuffer buffer, int at) {
        return buffer.getInt(at + LENGTH_OFFSET) + LENGTH_BYTES;
    }

    /** The base offset of the batch at {@code at}. */
    public static long baseOffset(ByteBuffer buffer, int at) {
        return buffer.getLong(at + BASE_OFFSET_OFFSET);
    }

    /** The offset after the last one the batch at {@code at} covers. */
    public static long endOffset(ByteBuffer buffer, int at) {
        return buffer.getLong(at + BASE_OFFSET_OFFSET) + buffer.getInt(at + LAST_OFFSET_DELTA_OFFSET) + 1;
    }

    /** The record count of the batch at {@code at}. */
    public static int recordCount(ByteBuffer buffer, int at) {
        return buffer.getInt(at + RECORD_COUNT_OFFSET);
    }

    /** Whether this code reads batches of format version {@code magic}. */
    public static boolean isReadable(byte magic) {
        return magic == VERSION || magic == OLDEST_READABLE_VERSION;
    }

    /**
     * Bytes of the header of the batch at {@code at}, producer id included: where its records start. The
     * batch must be of a readable version, with its fixed header present.
     */
    public static int headerBytes(ByteBuffer buffer, int at) {
        if (buffer.get(at + MAGIC_OFFSET) == OLDEST_READABLE_VERSION) {
            return COMMON_HEADER_BYTES;
        }
        return HEADER_BYTES + producerIdLength(buffer, at);
    }

    /** The producer id length field of the version 3 batch at {@code at}, unsigned. */
    public static int producerIdLength(ByteBuffer buffer, int at) {
        return Short.toUnsignedInt(buffer.getShort(at + PRODUCER_ID_LENGTH_OFFSET));
    }

    /**
     * The producer fields of the checked batch at {@code at}: {@link BatchProducer#NONE} for a batch of a
     * plain append or of version 2.
     */
    public static BatchProducer producer(ByteBuffer buffer, int at) {
        if (buffer.get(at + MAGIC_OFFSET) == OLDEST_READABLE_VERSION) {
            return BatchProducer.NONE;
        }
        int length = producerIdLength(buffer, at);
        if (length == 0) {
            return BatchProducer.NONE;
        }
        byte[] id = new byte[length];
        buffer.get(at + PRODUCER_ID_OFFSET, id);
        return new BatchProducer(
                new String(id, StandardCharsets.UTF_8),
                buffer.getLong(at + FIRST_SEQUENCE_OFFSET),
                buffer.getLong(at + LAST_SEQUENCE_OFFSET));
    }

    /** The largest record timestamp of the batch at {@code at}. */
    public static long maxTimestamp(ByteBuffer buffer, int at) {
        return buffer.getLong(at + MAX_TIMESTAMP_OFFSET);
    }
}
