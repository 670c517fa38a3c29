package dev.flows.log.record;

import dev.flows.api.channel.Append;
import dev.flows.api.channel.Header;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The on-disk layout of a record batch, format version 2. A segment file is nothing but batches, back to
 * back, with increasing offsets. One append to one partition writes one batch. Fixed-size fields are
 * big-endian; a varint is a zig-zag LEB128 integer, as in Kafka's records (-1 takes one byte).
 *
 * <pre>
 *  batch
 *  byte  size  field
 *  ----  ----  --------------------------------------------------------------------------------
 *     0     4  length           int32: bytes after this field, header and records
 *     4     4  crc              CRC32C (Castagnoli) of every byte after this field: 8 .. 4+length
 *     8     1  magic            int8: format version, 2
 *     9     1  attributes       int8: reserved flags, 0; a reader refuses a bit it does not know
 *    10     8  baseOffset       int64: offset of the first offset the batch covers
 *    18     4  lastOffsetDelta  int32: last offset covered minus baseOffset; compaction keeps it, so a
 *                               batch may cover more offsets than it holds records
 *    22     4  recordCount      int32: records that follow, 0 .. lastOffsetDelta + 1
 *    26     8  firstTimestamp   int64: epoch ms; record timestamps are deltas from it
 *    34     8  maxTimestamp     int64: the largest record timestamp (firstTimestamp if no record)
 *    42        records          recordCount times, in increasing offset order:
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
 * so a torn or flipped byte past the length is caught, and a damaged length sends the reader to a place
 * where magic, offsets or CRC no longer match. Magic sits where version 1 put it, so any version can be
 * told apart. Stateless.
 */
public final class BatchFormat {

    /** The format version this code writes and reads, stored at {@link #MAGIC_OFFSET}. */
    public static final byte VERSION = 2;

    public static final int LENGTH_OFFSET = 0;
    public static final int CRC_OFFSET = 4;
    public static final int MAGIC_OFFSET = 8;
    public static final int ATTRIBUTES_OFFSET = 9;
    public static final int BASE_OFFSET_OFFSET = 10;
    public static final int LAST_OFFSET_DELTA_OFFSET = 18;
    public static final int RECORD_COUNT_OFFSET = 22;
    public static final int FIRST_TIMESTAMP_OFFSET = 26;
    public static final int MAX_TIMESTAMP_OFFSET = 34;

    /** Bytes of the batch header; records start here. */
    public static final int HEADER_BYTES = 42;

    /** Bytes of the length field, which the length does not count. */
    public static final int LENGTH_BYTES = 4;

    /** The first byte the CRC covers. */
    public static final int CRC_START = MAGIC_OFFSET;

    /** The smallest value of the length field: a batch without records. */
    public static final int MIN_LENGTH = HEADER_BYTES - LENGTH_BYTES;

    /** The fewest bytes a record takes: one byte for each of its seven fields. */
    public static final int MIN_RECORD_BYTES = 7;

    /** Attribute bits this version knows, of batches and of records: none yet. */
    public static final byte KNOWN_ATTRIBUTES = 0;

    /** The length of a null key, value or header value. */
    public static final int NULL_LENGTH = -1;

    private BatchFormat() {}

    /** Bytes the batch of {@code records} takes on disk, length field included. */
    public static long sizeOf(List<Append> records) {
        long size = HEADER_BYTES;
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

    /** The largest record timestamp of the batch at {@code at}. */
    public static long maxTimestamp(ByteBuffer buffer, int at) {
        return buffer.getLong(at + MAX_TIMESTAMP_OFFSET);
    }
}
