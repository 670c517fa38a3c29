package dev.flows.engine.format;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import tools.jackson.core.StreamWriteConstraints;

/**
 * Appends JSON tokens to a growable byte array, writing byte for byte what {@link StrictJson#FACTORY}'s generator
 * writes for the same calls, at a fraction of its cost: no generator, output stream or buffer-recycler pool per call,
 * a tight loop for ASCII strings without characters to escape, and doubles mostly without Double.toString. Callers
 * write the commas between members and elements themselves. {@link JsonEventFormat} and {@link JsonValues} encode
 * with it, and FastJsonWriterDifferentialTest holds them to the bytes and exceptions of Jackson's generator.
 *
 * <p>What Jackson writes, and so this: strings escape {@code "}, {@code \} and the C0 controls ({@code \b \t \n
 * \f \r}, else {@code \}{@code u00XX} in upper-case hex), other characters as UTF-8, but a surrogate that is not
 * part of a pair as a {@code \}{@code uXXXX} escape; a null String as {@code null}; doubles and floats as {@code
 * Double.toString} and {@code Float.toString} write them (Jackson's fast writer is off), NaN and the infinities
 * quoted as strings; bytes as base64 (standard alphabet, padded, no line feeds) in quotes. Objects and arrays may
 * nest {@link StreamWriteConstraints#getMaxNestingDepth()} deep; one level more throws Jackson's
 * StreamConstraintsException.
 *
 * <p>Not thread-safe: {@link #acquire()} lends each thread a writer of its own, kept in a thread-local, which
 * measured cheaper than a fresh buffer per call (by about 50 ns an event).
 */
final class FastJsonWriter {

    /** Most events fit: the buffer grows by doubling for the others. */
    private static final int INITIAL_BYTES = 512;

    /** A writer whose buffer grew past this (a large batch) drops it, so that a thread keeps no large array. */
    private static final int MAX_RETAINED_BYTES = 64 * 1024;

    /** Escaping reserves room for the worst case one chunk at a time, not six times a long string's length. */
    private static final int ESCAPE_CHUNK = 4096;

    /** The largest array length the JVMs in use allocate, as {@code jdk.internal.util.ArraysSupport} has it. */
    private static final int MAX_ARRAY_BYTES = Integer.MAX_VALUE - 8;

    private static final ThreadLocal<FastJsonWriter> CACHED = ThreadLocal.withInitial(FastJsonWriter::new);

    private static final StreamWriteConstraints CONSTRAINTS = StrictJson.FACTORY.streamWriteConstraints();
    private static final int MAX_DEPTH = CONSTRAINTS.getMaxNestingDepth();

    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] BASE64 =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NULL = {'n', 'u', 'l', 'l'};
    private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
    private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};
    private static final byte[] LONG_MIN = Long.toString(Long.MIN_VALUE).getBytes(StandardCharsets.US_ASCII);

    /**
     * For each ASCII character, 0 when written as it is, the letter after the backslash for a short escape, or
     * 'u' for a {@code \}{@code u00XX} escape: Jackson's {@code CharTypes.get7BitOutputEscapes()}.
     */
    private static final byte[] ESCAPES = new byte[128];

    static {
        for (int c = 0; c < 0x20; c++) {
            ESCAPES[c] = 'u';
        }
        ESCAPES['\b'] = 'b';
        ESCAPES['\t'] = 't';
        ESCAPES['\n'] = 'n';
        ESCAPES['\f'] = 'f';
        ESCAPES['\r'] = 'r';
        ESCAPES['"'] = '"';
        ESCAPES['\\'] = '\\';
    }

    private byte[] bytes = new byte[INITIAL_BYTES];
    private int position;
    private int depth;
    private boolean lent;

    private FastJsonWriter() {}

    /**
     * An empty writer for the calling thread, to {@link #release()} when done. The thread's cached writer unless
     * it is already lent out, which happens when encoding re-enters itself (a value whose {@code toString()}
     * encodes JSON): then a fresh one.
     */
    static FastJsonWriter acquire() {
        FastJsonWriter writer = CACHED.get();
        if (writer.lent) {
            return new FastJsonWriter();
        }
        writer.lent = true;
        writer.position = 0;
        writer.depth = 0;
        return writer;
    }

    /** Gives the writer back; it must not be used after. */
    void release() {
        lent = false;
        if (bytes.length > MAX_RETAINED_BYTES) {
            bytes = new byte[INITIAL_BYTES];
        }
    }

    /** A copy of the bytes written. */
    byte[] toByteArray() {
        return Arrays.copyOf(bytes, position);
    }

    void startObject() {
        nest();
        append('{');
    }

    void endObject() {
        depth--;
        append('}');
    }

    void startArray() {
        nest();
        append('[');
    }

    void endArray() {
        depth--;
        append(']');
    }

    /** Opens one more level, refusing it as Jackson's generator does past the nesting limit. */
    private void nest() {
        if (++depth > MAX_DEPTH) {
            CONSTRAINTS.validateNestingDepth(depth); // throws StreamConstraintsException, message and all
        }
    }

    /** Writes one ASCII byte: a comma, a colon, a bracket. */
    void append(char c) {
        ensure(1);
        bytes[position++] = (byte) c;
    }

    /** Writes pre-encoded JSON, such as a quoted name and its colon. */
    void raw(byte[] json) {
        ensure(json.length);
        System.arraycopy(json, 0, bytes, position, json.length);
        position += json.length;
    }

    /** Writes {@code source[from, to)}: JSON known to be in the form this writer would give it. */
    void raw(byte[] source, int from, int to) {
        int length = to - from;
        ensure(length);
        System.arraycopy(source, from, bytes, position, length);
        position += length;
    }

    /** Writes an object member's name and its colon; a null name throws NullPointerException, as Jackson's does. */
    void name(String name) {
        ensure(Objects.requireNonNull(name, "name").length() + 3L);
        quoted(name);
        bytes[position++] = ':';
    }

    /**
     * Writes pre-encoded JSON (such as a comma, a quoted name and a colon) and then a string that is not null, with
     * one check for room instead of two: most of an event's attributes are written this way.
     */
    void member(byte[] json, String value) {
        ensure((long) json.length + value.length() + 2);
        System.arraycopy(json, 0, bytes, position, json.length);
        position += json.length;
        quoted(value);
    }

    void nullValue() {
        raw(NULL);
    }

    void bool(boolean value) {
        raw(value ? TRUE : FALSE);
    }

    /** Writes a string value, or {@code null} for a null String as Jackson's {@code writeString(null)} does. */
    void string(String value) {
        if (value == null) {
            nullValue();
            return;
        }
        ensure(value.length() + 2L);
        quoted(value);
    }

    /**
     * Writes a string in quotes, ASCII without escapes in one tight loop and the rest by {@link #escaped}. The caller
     * has made room for the string's length plus its quotes, and one more byte for a colon to follow; escaping
     * makes more room as it goes, keeping those two bytes free.
     */
    private void quoted(String value) {
        int length = value.length();
        byte[] out = bytes;
        int p = position;
        out[p++] = '"';
        int i = 0;
        for (; i < length; i++) {
            char c = value.charAt(i);
            if (c >= 0x80 || ESCAPES[c] != 0) {
                break;
            }
            out[p++] = (byte) c;
        }
        position = p;
        if (i < length) {
            escaped(value, i, length);
        }
        bytes[position++] = '"';
    }

    /** The rest of a string from its first character that is not plain ASCII, a chunk at a time. */
    private void escaped(String value, int from, int length) {
        for (int i = from; i < length; ) {
            int to = Math.min(length, i + ESCAPE_CHUNK);
            // Six bytes per character is the most any takes (a \\uXXXX escape), plus the closing quote and a colon.
            ensure(6 * (to - i) + 2);
            i = escaped(value, i, to, length);
        }
    }

    /** Writes {@code value[from, to)}, or one character more when a surrogate pair straddles {@code to}. */
    private int escaped(String value, int from, int to, int length) {
        byte[] out = bytes;
        int p = position;
        int i = from;
        for (; i < to; i++) {
            char c = value.charAt(i);
            if (c < 0x80) {
                byte escape = ESCAPES[c];
                if (escape == 0) {
                    out[p++] = (byte) c;
                } else if (escape != 'u') {
                    out[p++] = '\\';
                    out[p++] = escape;
                } else {
                    p = unicodeEscape(c, out, p);
                }
            } else if (c < 0x800) {
                out[p++] = (byte) (0xC0 | (c >> 6));
                out[p++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isHighSurrogate(c)
                    && i + 1 < length
                    && Character.isLowSurrogate(value.charAt(i + 1))) {
                int codePoint = Character.toCodePoint(c, value.charAt(++i));
                out[p++] = (byte) (0xF0 | (codePoint >> 18));
                out[p++] = (byte) (0x80 | ((codePoint >> 12) & 0x3F));
                out[p++] = (byte) (0x80 | ((codePoint >> 6) & 0x3F));
                out[p++] = (byte) (0x80 | (codePoint & 0x3F));
            } else if (Character.isSurrogate(c)) {
                // Jackson escapes a surrogate without its partner rather than write invalid UTF-8.
                p = unicodeEscape(c, out, p);
            } else {
                out[p++] = (byte) (0xE0 | (c >> 12));
                out[p++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                out[p++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        position = p;
        return i;
    }

    private static int unicodeEscape(char c, byte[] out, int p) {
        out[p] = '\\';
        out[p + 1] = 'u';
        out[p + 2] = HEX[c >> 12];
        out[p + 3] = HEX[(c >> 8) & 0xF];
        out[p + 4] = HEX[(c >> 4) & 0xF];
        out[p + 5] = HEX[c & 0xF];
        return p + 6;
    }

    /** Writes a long in decimal, as {@code Long.toString} does. */
    void number(long value) {
        ensure(20);
        if (value < 0) {
            if (value == Long.MIN_VALUE) {
                raw(LONG_MIN); // the one long without a positive counterpart
                return;
            }
            bytes[position++] = '-';
            value = -value;
        }
        int count = DecimalDigits.count(value);
        DecimalDigits.write(bytes, position, value, count);
        position += count;
    }

    /** Writes a double as {@code Double.toString} does; NaN and the infinities as strings. */
    void number(double value) {
        ensure(PlainDoubles.MAX_LENGTH);
        int end = PlainDoubles.write(bytes, position, value);
        if (end >= 0) {
            position = end;
        } else if (Double.isFinite(value)) {
            ascii(Double.toString(value));
        } else {
            quotedAscii(Double.toString(value));
        }
    }

    /** Writes a float as {@code Float.toString} does; NaN and the infinities as strings. */
    void number(float value) {
        if (Float.isFinite(value)) {
            ascii(Float.toString(value));
        } else {
            quotedAscii(Float.toString(value));
        }
    }

    /** Writes text known to be ASCII without escapes (a number's {@code toString()}) as it is. */
    void ascii(String text) {
        int length = text.length();
        ensure(length);
        byte[] out = bytes;
        int p = position;
        for (int i = 0; i < length; i++) {
            out[p++] = (byte) text.charAt(i);
        }
        position = p;
    }

    private void quotedAscii(String text) {
        append('"');
        ascii(text);
        append('"');
    }

    /** Writes an instant as {@link Rfc3339#format(Instant)} does, as a string. */
    void time(Instant instant) {
        ensure(Rfc3339.MAX_LENGTH + 2);
        int at = position + 1;
        int end = Rfc3339.format(instant, bytes, at);
        if (end < 0) {
            string(Rfc3339.format(instant)); // a year outside 0000 to 9999: rare, and slow anyway
            return;
        }
        bytes[position] = '"';
        bytes[end] = '"';
        position = end + 1;
    }

    /** Writes bytes as a base64 string: the standard alphabet with padding and no line feeds. */
    void binary(byte[] data) {
        int length = data.length;
        ensure(4 * ((length + 2L) / 3) + 2);
        byte[] out = bytes;
        int p = position;
        out[p++] = '"';
        int i = 0;
        for (; i + 3 <= length; i += 3) {
            int bits = (data[i] & 0xFF) << 16 | (data[i + 1] & 0xFF) << 8 | (data[i + 2] & 0xFF);
            out[p++] = BASE64[bits >>> 18];
            out[p++] = BASE64[(bits >>> 12) & 0x3F];
            out[p++] = BASE64[(bits >>> 6) & 0x3F];
            out[p++] = BASE64[bits & 0x3F];
        }
        if (i < length) {
            int bits = (data[i] & 0xFF) << 16 | (i + 1 < length ? (data[i + 1] & 0xFF) << 8 : 0);
            out[p++] = BASE64[bits >>> 18];
            out[p++] = BASE64[(bits >>> 12) & 0x3F];
            out[p++] = i + 1 < length ? BASE64[(bits >>> 6) & 0x3F] : (byte) '=';
            out[p++] = '=';
        }
        out[p++] = '"';
        position = p;
    }

    /** Makes room for {@code more} bytes; a long, so that the worst case of a huge value cannot overflow. */
    private void ensure(long more) {
        if (more > bytes.length - position) {
            long needed = position + more;
            if (needed > MAX_ARRAY_BYTES) {
                throw new OutOfMemoryError("JSON output of " + needed + " bytes exceeds the largest byte array");
            }
            bytes = Arrays.copyOf(bytes, (int) Math.min(MAX_ARRAY_BYTES, Math.max(2L * bytes.length, needed)));
        }
    }
}
