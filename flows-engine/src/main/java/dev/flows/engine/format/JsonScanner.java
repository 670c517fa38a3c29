package dev.flows.engine.format;

import dev.flows.api.error.InvalidEventException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Finds where JSON values end in a byte buffer, checking their syntax on the way and building nothing. It is
 * the one pass {@link RawEvent} makes over an event: it accepts exactly the JSON grammar of RFC 8259 (no
 * comments, no leading zeros, no trailing commas, only space, tab, CR and LF between tokens) and refuses
 * unescaped control characters in strings and nesting deeper than {@link StrictJson#MAX_DEPTH} inside the
 * value being skipped. It does not decode: UTF-8, duplicate keys and number ranges are checked where a value
 * is converted ({@link RawValueReader}).
 *
 * <p>Positions are absolute indexes into the buffer; messages give them relative to the event's first byte.
 * One instance per {@link RawEvent}, reset per event; not thread-safe.
 */
final class JsonScanner {

    /** Reads eight bytes at once, so strings are searched a word at a time (SWAR). */
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private static final long ONES = 0x0101010101010101L;
    private static final long HIGH_BITS = 0x8080808080808080L;
    private static final long QUOTES = 0x2222222222222222L;
    private static final long BACKSLASHES = 0x5C5C5C5C5C5C5C5CL;
    private static final long SPACES = 0x2020202020202020L;

    private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
    private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};
    private static final byte[] NULL = {'n', 'u', 'l', 'l'};

    private byte[] buffer = new byte[0];
    private int start;
    private int limit;

    /** Whether the string last passed to {@link #stringEnd} holds a backslash escape. */
    private boolean escaped;

    /** Whether the string last passed to {@link #stringEnd} holds only ASCII bytes. */
    private boolean ascii;

    void reset(byte[] buffer, int start, int limit) {
        this.buffer = buffer;
        this.start = start;
        this.limit = limit;
    }

    byte[] buffer() {
        return buffer;
    }

    int start() {
        return start;
    }

    int limit() {
        return limit;
    }

    /** The byte at {@code position}, or -1 past the end of the event. */
    int peek(int position) {
        return position < limit ? buffer[position] : -1;
    }

    /** The first position from {@code position} on that is not JSON whitespace. */
    int skipWhitespace(int position) {
        byte[] bytes = buffer;
        int p = position;
        while (p < limit) {
            byte b = bytes[p];
            // Every whitespace byte is at most ' ', so one comparison settles the common case of a token.
            if (b > ' ' || (b != ' ' && b != '\n' && b != '\r' && b != '\t')) {
                return p;
            }
            p++;
        }
        return p;
    }

    /** Requires {@code expected} at {@code position} and returns the position after it. */
    int expect(int position, char expected, String what) {
        if (peek(position) != expected) {
            throw malformed(position, what);
        }
        return position + 1;
    }

    /** The eight bytes at {@code bytes[at, at + 8)} as a little-endian long. */
    static long word(byte[] bytes, int at) {
        return (long) LONGS.get(bytes, at);
    }

    /** Whether the last string scanned held an escape (and so must be decoded, not compared as bytes). */
    boolean escaped() {
        return escaped;
    }

    /** Whether the last string scanned held only ASCII bytes (outside its escapes), so no UTF-8 to check. */
    boolean ascii() {
        return ascii;
    }

    /**
     * Scans the string whose content starts at {@code position} (just after its opening quote).
     *
     * @return the position of the closing quote
     */
    int stringEnd(int position) {
        byte[] bytes = buffer;
        int p = position;
        boolean sawEscape = false;
        long highBits = 0;
        while (true) {
            while (p + Long.BYTES <= limit) {
                long word = (long) LONGS.get(bytes, p);
                long special = special(word);
                if (special != 0) {
                    int length = Long.numberOfTrailingZeros(special) >>> 3;
                    // The bytes before the special one: shifting by 64 would keep the whole word, so mask.
                    highBits |= word & ((1L << (length << 3)) - 1);
                    p += length;
                    break;
                }
                highBits |= word;
                p += Long.BYTES;
            }
            if (p >= limit) {
                throw malformed(p, "the end of a string ('\"')");
            }
            byte b = bytes[p];
            if (b == '"') {
                escaped = sawEscape;
                ascii = (highBits & HIGH_BITS) == 0;
                return p;
            }
            if (b == '\\') {
                sawEscape = true;
                p = escapeEnd(p);
            } else if ((b & 0xFF) < 0x20) {
                throw malformed(p, "an escaped control character (a string may not hold byte " + b + " as is)");
            } else {
                highBits |= b;
                p++;
            }
        }
    }

    /**
     * A word with the high bit set in each byte that is a quote, a backslash or a control character. Bytes
     * above the first such byte may be flagged wrongly (a borrow carries over), so callers use the lowest.
     */
    private static long special(long word) {
        long quotes = word ^ QUOTES;
        long backslashes = word ^ BACKSLASHES;
        long quote = (quotes - ONES) & ~quotes;
        long backslash = (backslashes - ONES) & ~backslashes;
        long control = (word - SPACES) & ~word;
        return (quote | backslash | control) & HIGH_BITS;
    }

    private int escapeEnd(int backslash) {
        int next = peek(backslash + 1);
        switch (next) {
            case '"', '\\', '/', 'b', 'f', 'n', 'r', 't' -> {
                return backslash + 2;
            }
            case 'u' -> {
                for (int i = backslash + 2; i < backslash + 6; i++) {
                    if (hexDigit(peek(i)) < 0) {
                        throw malformed(i, "four hex digits after \\u");
                    }
                }
                return backslash + 6;
            }
            default -> throw malformed(backslash + 1, "an escape (\\\" \\\\ \\/ \\b \\f \\n \\r \\t or \\uXXXX)");
        }
    }

    static int hexDigit(int b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        if (b >= 'a' && b <= 'f') {
            return b - 'a' + 10;
        }
        if (b >= 'A' && b <= 'F') {
            return b - 'A' + 10;
        }
        return -1;
    }

    /**
     * Scans the number starting at {@code position}: {@code -? (0 | [1-9][0-9]*) (.[0-9]+)? ([eE][+-]?[0-9]+)?}.
     *
     * @return the position after its last character
     */
    int numberEnd(int position) {
        int p = position;
        if (peek(p) == '-') {
            p++;
        }
        int first = peek(p);
        if (first == '0') {
            p++;
            if (isDigit(peek(p))) {
                throw malformed(p, "no leading zeros in a number");
            }
        } else if (isDigit(first)) {
            p = digitsEnd(p);
        } else {
            throw malformed(p, "a digit");
        }
        if (peek(p) == '.') {
            p = requireDigits(p + 1, "a digit after the decimal point");
        }
        int e = peek(p);
        if (e == 'e' || e == 'E') {
            p++;
            int sign = peek(p);
            if (sign == '+' || sign == '-') {
                p++;
            }
            p = requireDigits(p, "a digit in the exponent");
        }
        return p;
    }

    private int requireDigits(int position, String what) {
        if (!isDigit(peek(position))) {
            throw malformed(position, what);
        }
        return digitsEnd(position);
    }

    private int digitsEnd(int position) {
        byte[] bytes = buffer;
        int p = position;
        while (p < limit && bytes[p] >= '0' && bytes[p] <= '9') {
            p++;
        }
        return p;
    }

    static boolean isDigit(int b) {
        return b >= '0' && b <= '9';
    }

    /**
     * Skips the value starting at {@code position} (whitespace already skipped).
     *
     * @param depth how many objects and arrays enclose the value within {@code data} (0 for data itself)
     * @return the position after the value
     */
    int valueEnd(int position, int depth) {
        int b = peek(position);
        return switch (b) {
            case '"' -> stringEnd(position + 1) + 1;
            case '{', '[' -> containerEnd(position, depth);
            case 't' -> literalEnd(position, TRUE);
            case 'f' -> literalEnd(position, FALSE);
            case 'n' -> literalEnd(position, NULL);
            default -> {
                if (b == '-' || isDigit(b)) {
                    yield numberEnd(position);
                }
                throw malformed(position, "a JSON value");
            }
        };
    }

    /** Skips a literal such as {@code true}; the first byte has already been seen. */
    int literalEnd(int position, byte[] literal) {
        for (int i = 1; i < literal.length; i++) {
            if (peek(position + i) != literal[i]) {
                throw malformed(position + i, "the literal '" + new String(literal, StandardCharsets.US_ASCII) + "'");
            }
        }
        int end = position + literal.length;
        int after = peek(end);
        if ((after >= 'a' && after <= 'z') || (after >= 'A' && after <= 'Z') || isDigit(after)) {
            throw malformed(end, "a separator after '" + new String(literal, StandardCharsets.US_ASCII) + "'");
        }
        return end;
    }

    /**
     * Skips an object or array without recursion: {@code objects} holds one bit per open container (1 for
     * an object), so the stack costs nothing to push and pop.
     */
    private int containerEnd(int position, int depth) {
        long objects = 0;
        int level = 0;
        int p = position;
        while (true) {
            // p is at the first byte of a value
            int b = peek(p);
            if (b == '{' || b == '[') {
                level++;
                if (depth + level > StrictJson.MAX_DEPTH) {
                    throw tooDeep(p, depth + level);
                }
                boolean object = b == '{';
                objects = (objects << 1) | (object ? 1 : 0);
                p = skipWhitespace(p + 1);
                if (peek(p) == (object ? '}' : ']')) {
                    p++;
                    level--;
                    objects >>>= 1;
                } else {
                    p = object ? memberValue(p) : p;
                    continue;
                }
            } else {
                p = valueEnd(p, depth + level);
            }
            // p is just after a complete value: close containers until one continues with a comma
            while (true) {
                if (level == 0) {
                    return p;
                }
                boolean object = (objects & 1) != 0;
                p = skipWhitespace(p);
                int next = peek(p);
                if (next == ',') {
                    p = skipWhitespace(p + 1);
                    p = object ? memberValue(p) : p;
                    break;
                }
                if (next != (object ? '}' : ']')) {
                    throw malformed(p, object ? "',' or '}' in an object" : "',' or ']' in an array");
                }
                p++;
                level--;
                objects >>>= 1;
            }
        }
    }

    /** From the opening quote of a member's key, the position of its value (after ':' and whitespace). */
    int memberValue(int position) {
        int p = expect(position, '"', "a member name in double quotes");
        p = stringEnd(p);
        p = skipWhitespace(p + 1);
        p = expect(p, ':', "':' after a member name");
        return skipWhitespace(p);
    }

    /** A malformed-JSON failure at {@code position}: what was expected there and what was found. */
    InvalidEventException malformed(int position, String expected) {
        return new InvalidEventException(
                "",
                "malformed JSON at byte " + (position - start) + " of the event: expected " + expected + ", found "
                        + found(position) + "; send one JSON object per event");
    }

    private InvalidEventException tooDeep(int position, int depth) {
        return new InvalidEventException(
                "/data",
                "value at byte " + (position - start) + " of the event is nested " + depth
                        + " objects and arrays deep inside 'data', more than the " + StrictJson.MAX_DEPTH
                        + " allowed; flatten the value to at most " + StrictJson.MAX_DEPTH + " levels");
    }

    private String found(int position) {
        int b = peek(position);
        if (b == -1) {
            return "the end of the event";
        }
        if (b >= 0x20 && b < 0x7F) {
            return "'" + (char) b + "'";
        }
        return "byte 0x" + Integer.toHexString(b & 0xFF);
    }
}
