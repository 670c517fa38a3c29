package dev.flows.engine.format;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Recognises the names of the CloudEvents context attributes ({@code specversion} ... {@code data_base64}, in
 * the order of {@link RawEvent}'s attribute numbers) in JSON bytes. A name is compared as one or two eight-byte
 * words, so the scan of an event recognises its attributes without scanning their names as strings. Stateless.
 */
final class AttributeNames {

    /** The names, indexed by {@link RawEvent}'s attribute numbers. */
    static final String[] NAMES = {
        "specversion", "id", "source", "type", "subject", "time", "datacontenttype", "dataschema", "data", "data_base64"
    };

    private static final byte[][] NAME_BYTES = Arrays.stream(NAMES)
            .map(name -> name.getBytes(StandardCharsets.US_ASCII))
            .toArray(byte[][]::new);

    // The first eight bytes of each name (zero-padded), and the eight that end names longer than that.
    private static final long[] FIRST_WORDS = new long[NAMES.length];
    private static final long[] LAST_WORDS = new long[NAMES.length];

    static {
        for (int i = 0; i < NAMES.length; i++) {
            byte[] padded = Arrays.copyOf(NAME_BYTES[i], Math.max(Long.BYTES, NAME_BYTES[i].length));
            FIRST_WORDS[i] = JsonScanner.word(padded, 0);
            LAST_WORDS[i] = JsonScanner.word(padded, padded.length - Long.BYTES);
        }
    }

    private AttributeNames() {}

    /** The length of an attribute's name in bytes. */
    static int length(int attribute) {
        return NAME_BYTES[attribute].length;
    }

    /**
     * The attribute whose name, then a closing quote, starts at {@code at}, or -1: an extension, a name written
     * with escapes, or one too close to {@code limit} to be read as words (callers then use {@link #of}).
     */
    static int known(byte[] bytes, int at, int limit) {
        if (at + 2 * Long.BYTES > limit) {
            return -1;
        }
        return switch (bytes[at]) {
            case 'i' -> quoted(bytes, at, RawEvent.ID);
            case 't' -> Math.max(quoted(bytes, at, RawEvent.TYPE), quoted(bytes, at, RawEvent.TIME));
            case 's' ->
                Math.max(
                        quoted(bytes, at, RawEvent.SOURCE),
                        Math.max(quoted(bytes, at, RawEvent.SUBJECT), quoted(bytes, at, RawEvent.SPEC_VERSION)));
            case 'd' ->
                Math.max(
                        Math.max(quoted(bytes, at, RawEvent.DATA), quoted(bytes, at, RawEvent.DATA_CONTENT_TYPE)),
                        Math.max(quoted(bytes, at, RawEvent.DATA_SCHEMA), quoted(bytes, at, RawEvent.DATA_BASE64)));
            default -> -1;
        };
    }

    /** The attribute named by the bytes {@code bytes[from, to)} of an unescaped name, or -1 for an extension. */
    static int of(byte[] bytes, int from, int to) {
        for (int i = 0; i < NAMES.length; i++) {
            if (Arrays.equals(bytes, from, to, NAME_BYTES[i], 0, NAME_BYTES[i].length)) {
                return i;
            }
        }
        return -1;
    }

    /** The attribute of a decoded name, or -1 for an extension. */
    static int of(String name) {
        for (int i = 0; i < NAMES.length; i++) {
            if (NAMES[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private static int quoted(byte[] bytes, int at, int attribute) {
        int end = at + NAME_BYTES[attribute].length;
        return bytes[end] == '"' && matches(bytes, at, end, attribute) ? attribute : -1;
    }

    /** Whether {@code bytes[from, to)}, with at least eight bytes readable from {@code from}, is the name. */
    private static boolean matches(byte[] bytes, int from, int to, int attribute) {
        int length = to - from;
        long first = JsonScanner.word(bytes, from);
        if (length < Long.BYTES) {
            first &= (1L << (length * Byte.SIZE)) - 1;
        }
        return first == FIRST_WORDS[attribute]
                && (length <= Long.BYTES || JsonScanner.word(bytes, to - Long.BYTES) == LAST_WORDS[attribute]);
    }
}
