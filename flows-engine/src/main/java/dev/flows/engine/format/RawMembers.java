package dev.flows.engine.format;

import java.util.Arrays;

/**
 * Where the members of one JSON object stand in a buffer: for each, its name (the bytes between the quotes,
 * and whether they hold an escape) and where its value starts. Filled by one scan, then searched by name
 * without decoding names that hold no escape. Reused from event to event; not thread-safe.
 */
final class RawMembers {

    private static final int INITIAL_CAPACITY = 16;

    private int[] keyStarts = new int[INITIAL_CAPACITY];
    private int[] keyEnds = new int[INITIAL_CAPACITY];
    private int[] values = new int[INITIAL_CAPACITY];
    private boolean[] escapedKeys = new boolean[INITIAL_CAPACITY];
    private int size;

    void clear() {
        size = 0;
    }

    int size() {
        return size;
    }

    /** The position of member {@code index}'s value. */
    int value(int index) {
        return values[index];
    }

    /** The decoded name of member {@code index}. */
    String key(int index, JsonScanner scanner) {
        return JsonStrings.decode(
                scanner.buffer(), keyStarts[index], keyEnds[index], escapedKeys[index], scanner.start());
    }

    void add(int keyStart, int keyEnd, boolean escapedKey, int value) {
        if (size == values.length) {
            int capacity = size * 2;
            keyStarts = Arrays.copyOf(keyStarts, capacity);
            keyEnds = Arrays.copyOf(keyEnds, capacity);
            values = Arrays.copyOf(values, capacity);
            escapedKeys = Arrays.copyOf(escapedKeys, capacity);
        }
        keyStarts[size] = keyStart;
        keyEnds[size] = keyEnd;
        escapedKeys[size] = escapedKey;
        values[size] = value;
        size++;
    }

    /**
     * Scans the object at {@code position} (its '{'), recording its members.
     *
     * @return the position after the object
     */
    int index(int position, JsonScanner scanner) {
        clear();
        int p = scanner.skipWhitespace(position + 1);
        if (scanner.peek(p) == '}') {
            return p + 1;
        }
        while (true) {
            int keyStart = scanner.expect(p, '"', "a member name in double quotes");
            int keyEnd = scanner.stringEnd(keyStart);
            boolean escaped = scanner.escaped();
            p = scanner.skipWhitespace(keyEnd + 1);
            p = scanner.skipWhitespace(scanner.expect(p, ':', "':' after a member name"));
            add(keyStart, keyEnd, escaped, p);
            p = scanner.skipWhitespace(scanner.valueEnd(p, 1));
            if (scanner.peek(p) == '}') {
                return p + 1;
            }
            p = scanner.skipWhitespace(scanner.expect(p, ',', "',' or '}' in an object"));
        }
    }

    /** The value position of the first member named {@code key}, or -1. */
    int find(String key, byte[] keyUtf8, JsonScanner scanner) {
        byte[] bytes = scanner.buffer();
        for (int i = 0; i < size; i++) {
            if (matches(bytes, keyStarts[i], keyEnds[i], escapedKeys[i], key, keyUtf8, scanner)) {
                return values[i];
            }
        }
        return -1;
    }

    /** Whether a member has the name written at {@code bytes[keyStart, keyEnd)}. */
    boolean containsKey(int keyStart, int keyEnd, boolean escapedKey, JsonScanner scanner) {
        byte[] bytes = scanner.buffer();
        String decoded = null;
        for (int i = 0; i < size; i++) {
            if (!escapedKey && !escapedKeys[i]) {
                if (Arrays.equals(bytes, keyStart, keyEnd, bytes, keyStarts[i], keyEnds[i])) {
                    return true;
                }
            } else {
                if (decoded == null) {
                    decoded = JsonStrings.decode(bytes, keyStart, keyEnd, escapedKey, scanner.start());
                }
                if (decoded.equals(key(i, scanner))) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Searches the object at {@code position} (already scanned, so its syntax is valid) for the first member
     * named {@code key}, without recording anything.
     *
     * @return the position of its value, or -1
     */
    static int search(int position, String key, byte[] keyUtf8, JsonScanner scanner) {
        byte[] bytes = scanner.buffer();
        int p = scanner.skipWhitespace(position + 1);
        if (scanner.peek(p) == '}') {
            return -1;
        }
        while (true) {
            int keyStart = p + 1;
            int keyEnd = scanner.stringEnd(keyStart);
            boolean escaped = scanner.escaped();
            p = scanner.skipWhitespace(scanner.skipWhitespace(keyEnd + 1) + 1);
            if (matches(bytes, keyStart, keyEnd, escaped, key, keyUtf8, scanner)) {
                return p;
            }
            p = scanner.skipWhitespace(scanner.valueEnd(p, 0));
            if (scanner.peek(p) == '}') {
                return -1;
            }
            p = scanner.skipWhitespace(p + 1);
        }
    }

    private static boolean matches(
            byte[] bytes, int keyStart, int keyEnd, boolean escaped, String key, byte[] keyUtf8, JsonScanner scanner) {
        if (!escaped) {
            return JsonStrings.equalsUtf8(bytes, keyStart, keyEnd, keyUtf8);
        }
        return key.equals(JsonStrings.decode(bytes, keyStart, keyEnd, true, scanner.start()));
    }
}
