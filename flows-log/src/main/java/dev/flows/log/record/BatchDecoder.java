package dev.flows.log.record;

import dev.flows.api.channel.ChannelRecord;
import dev.flows.api.channel.Header;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks and decodes batches in {@link BatchFormat} version 3, and version 2, from a buffer that holds the
 * whole batch. Stateless and thread-safe.
 */
public final class BatchDecoder {

    private BatchDecoder() {}

    /**
     * Checks the batch header at {@code at}, whose length field the caller has read and found to be at
     * least {@link BatchFormat#MIN_LENGTH}, with every byte it counts present in the buffer.
     *
     * @param minBaseOffset the smallest base offset the batch may have: the end of the one before
     * @param verifyCrc     whether to compute the CRC when the header looks right; an unknown version is
     *     always classified by its CRC, to tell damage from a newer format
     */
    public static BatchCheck check(ByteBuffer buffer, int at, long minBaseOffset, boolean verifyCrc) {
        int size = BatchFormat.size(buffer, at);
        int storedCrc = buffer.getInt(at + BatchFormat.CRC_OFFSET);
        byte magic = buffer.get(at + BatchFormat.MAGIC_OFFSET);
        byte attributes = buffer.get(at + BatchFormat.ATTRIBUTES_OFFSET);
        if (!BatchFormat.isReadable(magic) || (attributes & ~BatchFormat.KNOWN_ATTRIBUTES) != 0) {
            return unknownFormat(buffer, at, size, storedCrc, magic, attributes);
        }
        String problem = producerProblem(buffer, at, size);
        if (problem == null) {
            problem = headerProblem(buffer, at, size, minBaseOffset);
        }
        if (problem != null) {
            return new BatchCheck.Corrupt(problem);
        }
        if (verifyCrc) {
            int computed = BatchEncoder.crcOf(buffer, at, size);
            if (computed != storedCrc) {
                return new BatchCheck.Corrupt(
                        "its CRC32C is %08x but its bytes give %08x".formatted(storedCrc, computed));
            }
        }
        return BatchCheck.VALID;
    }

    /**
     * Decodes the records of a batch that {@link #check} found valid whose offsets are at least
     * {@code fromOffset} and below {@code toOffset}, at most {@code maxRecords}, and adds them to
     * {@code out}. If the records do not add up (a CRC-valid batch from a faulty writer), adds nothing.
     *
     * @return {@link BatchCheck#VALID}, or what does not add up
     */
    public static BatchCheck decode(
            ByteBuffer buffer,
            int at,
            int partition,
            long fromOffset,
            long toOffset,
            int maxRecords,
            List<ChannelRecord> out) {
        int sizeBefore = out.size();
        try {
            String problem = decodeRecords(buffer, at, partition, fromOffset, toOffset, maxRecords, out);
            if (problem == null) {
                return BatchCheck.VALID;
            }
            out.subList(sizeBefore, out.size()).clear();
            return new BatchCheck.Corrupt(problem);
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            out.subList(sizeBefore, out.size()).clear();
            return new BatchCheck.Corrupt("its records run past its length (" + e.getMessage() + ")");
        }
    }

    private static String decodeRecords(
            ByteBuffer buffer,
            int at,
            int partition,
            long fromOffset,
            long toOffset,
            int maxRecords,
            List<ChannelRecord> out) {
        long base = BatchFormat.baseOffset(buffer, at);
        int lastDelta = buffer.getInt(at + BatchFormat.LAST_OFFSET_DELTA_OFFSET);
        int count = BatchFormat.recordCount(buffer, at);
        long firstTimestamp = buffer.getLong(at + BatchFormat.FIRST_TIMESTAMP_OFFSET);
        int end = at + BatchFormat.size(buffer, at);
        ByteBuffer in = buffer.duplicate().limit(end).position(at + BatchFormat.headerBytes(buffer, at));
        int previousDelta = -1;
        int added = 0;
        for (int i = 0; i < count; i++) {
            int length = Varint.getInt(in);
            int recordEnd = in.position() + length;
            if (length < BatchFormat.MIN_RECORD_BYTES - 1 || recordEnd > end) {
                return "record " + i + " claims " + length + " bytes, beyond the batch's end";
            }
            if (in.get() != BatchFormat.KNOWN_ATTRIBUTES) {
                return "record " + i + " has unknown attribute bits";
            }
            long timestamp = firstTimestamp + Varint.getLong(in);
            int delta = Varint.getInt(in);
            if (delta <= previousDelta || delta > lastDelta) {
                return "record " + i + " has offset delta " + delta + " after " + previousDelta + " (last " + lastDelta
                        + ")";
            }
            previousDelta = delta;
            long offset = base + delta;
            if (offset >= toOffset || added >= maxRecords) {
                return null;
            }
            if (offset < fromOffset) {
                in.position(recordEnd);
                continue;
            }
            byte[] key = bytes(in);
            byte[] value = bytes(in);
            List<Header> headers = headers(in);
            if (in.position() != recordEnd) {
                return "record " + i + "'s fields do not add up to its length of " + length + " bytes";
            }
            out.add(new ChannelRecord(partition, offset, timestamp, key, value, headers));
            added++;
        }
        return in.position() == end ? null : "its records end before its length says";
    }

    private static List<Header> headers(ByteBuffer in) {
        int count = Varint.getInt(in);
        if (count == 0) {
            return List.of();
        }
        if (count < 0 || count > in.remaining()) {
            throw new IllegalArgumentException("header count " + count);
        }
        List<Header> headers = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            byte[] name = bytes(in);
            if (name == null) {
                throw new IllegalArgumentException("null header name");
            }
            headers.add(new Header(new String(name, StandardCharsets.UTF_8), bytes(in)));
        }
        return headers;
    }

    private static byte[] bytes(ByteBuffer in) {
        int length = Varint.getInt(in);
        if (length == BatchFormat.NULL_LENGTH) {
            return null;
        }
        if (length < 0 || length > in.remaining()) {
            throw new IllegalArgumentException("field length " + length + " with " + in.remaining() + " bytes left");
        }
        byte[] bytes = new byte[length];
        in.get(bytes);
        return bytes;
    }

    private static String headerProblem(ByteBuffer buffer, int at, int size, long minBaseOffset) {
        long base = BatchFormat.baseOffset(buffer, at);
        int lastDelta = buffer.getInt(at + BatchFormat.LAST_OFFSET_DELTA_OFFSET);
        int count = BatchFormat.recordCount(buffer, at);
        if (base < minBaseOffset) {
            return "it starts at offset " + base + " where at least " + minBaseOffset + " was expected";
        }
        if (lastDelta < 0 || base > Long.MAX_VALUE - lastDelta - 1) {
            return "its last offset delta is " + lastDelta;
        }
        long roomForRecords = (long) size - BatchFormat.headerBytes(buffer, at);
        if (count < 0 || count > (long) lastDelta + 1 || (long) count * BatchFormat.MIN_RECORD_BYTES > roomForRecords) {
            return "its record count " + count + " does not fit its " + (lastDelta + 1L) + " offsets and " + size
                    + " bytes";
        }
        if (count > 0
                && buffer.getLong(at + BatchFormat.FIRST_TIMESTAMP_OFFSET) > BatchFormat.maxTimestamp(buffer, at)) {
            return "its first timestamp is after its largest";
        }
        return null;
    }

    /** What is wrong with the producer fields of a version 3 batch, which may not fit its length; or null. */
    private static String producerProblem(ByteBuffer buffer, int at, int size) {
        if (buffer.get(at + BatchFormat.MAGIC_OFFSET) == BatchFormat.OLDEST_READABLE_VERSION) {
            return null;
        }
        if (size < BatchFormat.HEADER_BYTES) {
            return "its length of " + (size - BatchFormat.LENGTH_BYTES) + " bytes is too short for its header";
        }
        int idLength = BatchFormat.producerIdLength(buffer, at);
        long first = buffer.getLong(at + BatchFormat.FIRST_SEQUENCE_OFFSET);
        long last = buffer.getLong(at + BatchFormat.LAST_SEQUENCE_OFFSET);
        if (idLength > BatchFormat.MAX_PRODUCER_ID_BYTES || BatchFormat.HEADER_BYTES + idLength > size) {
            return "its producer id length of " + idLength + " bytes does not fit";
        }
        boolean valid = idLength == 0
                ? first == BatchFormat.NO_SEQUENCE && last == BatchFormat.NO_SEQUENCE
                : first >= 0 && last >= first;
        return valid
                ? null
                : "its producer sequence numbers " + first + " to " + last + " do not fit a producer id of " + idLength
                        + " bytes";
    }

    private static BatchCheck unknownFormat(
            ByteBuffer buffer, int at, int size, int storedCrc, byte magic, byte attributes) {
        String found = "format version " + magic + " with attribute bits " + Integer.toBinaryString(attributes & 0xff);
        if (BatchEncoder.crcOf(buffer, at, size) == storedCrc) {
            return new BatchCheck.Unsupported("it is intact but uses " + found);
        }
        return new BatchCheck.Corrupt("it claims " + found + " and its CRC32C does not match");
    }
}
