package dev.flows.log.record;

import java.nio.ByteBuffer;

/**
 * Zig-zag LEB128 integers, as Kafka's records and protobuf's {@code sint32}/{@code sint64} use: small
 * magnitudes of either sign take one byte. Reads return the value and leave the buffer's position after
 * it. Stateless.
 */
public final class Varint {

    private Varint() {}

    /** Bytes {@code value} takes as a varint. */
    public static int sizeOfInt(int value) {
        int zigzag = (value << 1) ^ (value >> 31);
        return (38 - Integer.numberOfLeadingZeros(zigzag | 1)) / 7;
    }

    /** Bytes {@code value} takes as a varlong. */
    public static int sizeOfLong(long value) {
        long zigzag = (value << 1) ^ (value >> 63);
        return (70 - Long.numberOfLeadingZeros(zigzag | 1)) / 7;
    }

    /** Writes {@code value} at the buffer's position. */
    public static void putInt(ByteBuffer buffer, int value) {
        int zigzag = (value << 1) ^ (value >> 31);
        while ((zigzag & ~0x7f) != 0) {
            buffer.put((byte) ((zigzag & 0x7f) | 0x80));
            zigzag >>>= 7;
        }
        buffer.put((byte) zigzag);
    }

    /** Writes {@code value} at the buffer's position. */
    public static void putLong(ByteBuffer buffer, long value) {
        long zigzag = (value << 1) ^ (value >> 63);
        while ((zigzag & ~0x7fL) != 0) {
            buffer.put((byte) ((zigzag & 0x7f) | 0x80));
            zigzag >>>= 7;
        }
        buffer.put((byte) zigzag);
    }

    /**
     * Reads a varint at the buffer's position, which must not pass the limit.
     *
     * @throws IllegalArgumentException if it runs longer than five bytes
     * @throws java.nio.BufferUnderflowException if it runs past the limit
     */
    public static int getInt(ByteBuffer buffer) {
        int raw = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            byte b = buffer.get();
            raw |= (b & 0x7f) << shift;
            if (b >= 0) {
                return (raw >>> 1) ^ -(raw & 1);
            }
        }
        throw new IllegalArgumentException("a varint runs longer than 5 bytes");
    }

    /**
     * Reads a varlong at the buffer's position.
     *
     * @throws IllegalArgumentException if it runs longer than ten bytes
     * @throws java.nio.BufferUnderflowException if it runs past the limit
     */
    public static long getLong(ByteBuffer buffer) {
        long raw = 0;
        for (int shift = 0; shift < 70; shift += 7) {
            byte b = buffer.get();
            raw |= (long) (b & 0x7f) << shift;
            if (b >= 0) {
                return (raw >>> 1) ^ -(raw & 1);
            }
        }
        throw new IllegalArgumentException("a varlong runs longer than 10 bytes");
    }
}
