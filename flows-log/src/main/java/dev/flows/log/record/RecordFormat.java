package dev.flows.log.record;

import dev.flows.api.channel.Append;

/**
 * The on-disk layout of one record, format version 1. A segment file is nothing but these records, back
 * to back, with dense offsets. All integers are big-endian.
 *
 * <pre>
 *  byte  size  field
 *  ----  ----  -----------------------------------------------------------------------------
 *     0     4  length        int32: bytes after this field (from crc to the last header)
 *     4     4  crc           CRC32C (Castagnoli) of every byte after this field, bytes 8 .. 4+length
 *     8     1  magic         int8: format version, 1
 *     9     1  attributes    int8: reserved flags, 0; a reader refuses a bit it does not know
 *    10     8  offset        int64: the record's offset within its partition
 *    18     8  timestamp     int64: epoch milliseconds
 *    26     4  keyLength     int32: -1 for a null key
 *    30     k  key
 *  30+k     4  valueLength   int32: -1 for a null value (reserved for compaction tombstones)
 *  34+k     v  value
 *  34+k+v   4  headerCount   int32: 0 when written by this version
 *  38+k+v      headers       headerCount times: int32 nameLength, name (UTF-8),
 *                            int32 valueLength (-1 = null), value
 * </pre>
 *
 * <p>The length comes first so a reader can skip a record without decoding it; the CRC covers everything
 * after itself, so a torn or flipped byte anywhere past the length field is caught, and a damaged length
 * sends the reader to a place where magic, offset or CRC no longer match. Stateless.
 */
public final class RecordFormat {

    /** The format version this code writes, stored in {@link #MAGIC_OFFSET}. */
    public static final byte VERSION = 1;

    public static final int LENGTH_OFFSET = 0;
    public static final int CRC_OFFSET = 4;
    public static final int MAGIC_OFFSET = 8;
    public static final int ATTRIBUTES_OFFSET = 9;
    public static final int RECORD_OFFSET_OFFSET = 10;
    public static final int TIMESTAMP_OFFSET = 18;
    public static final int KEY_LENGTH_OFFSET = 26;
    public static final int KEY_OFFSET = 30;

    /** Bytes of the length field, which the length does not count. */
    public static final int LENGTH_BYTES = 4;

    /** The first byte the CRC covers. */
    public static final int CRC_START = MAGIC_OFFSET;

    /** Bytes of a record with a null key, an empty value and no headers. */
    public static final int MIN_RECORD_BYTES = 38;

    /** The smallest value of the length field. */
    public static final int MIN_LENGTH = MIN_RECORD_BYTES - LENGTH_BYTES;

    /** Attribute bits this version knows: none yet. */
    public static final byte KNOWN_ATTRIBUTES = 0;

    /** The length field's value for a null key or value. */
    public static final int NULL_LENGTH = -1;

    private RecordFormat() {}

    /** Bytes the record takes on disk, length field included. */
    public static long sizeOf(Append append) {
        long key = append.key() == null ? 0 : append.key().length;
        return MIN_RECORD_BYTES + key + append.value().length;
    }
}
