package dev.flows.engine.format;

import dev.flows.api.error.InvalidEventException;

/**
 * Reads a JSON value in place and copies it into the bytes {@link JsonValues} writes for the plain value it
 * decodes to: the stored form of an event's {@code data}, for ingest, in the same pass that checks it and without
 * decoding it into maps and lists. It checks what {@link JsonScanner} checks (the grammar of RFC 8259, nesting up
 * to {@link StrictJson#MAX_DEPTH}) and what conversion checks (duplicate keys, UTF-8, numbers within the range of
 * a double), and refuses numbers and names longer than Jackson reads and objects with more than {@value
 * #MAX_COMPARED_KEYS} members. Its refusals give a byte offset only: callers read a refused body again with Jackson,
 * which says exactly what is wrong.
 *
 * <p>What is already in stored form is copied as it is: names and strings without escapes once their UTF-8 is
 * checked, integers, literals. Whitespace is dropped, strings with escapes are decoded and re-escaped, {@code -0}
 * becomes {@code 0}, and numbers that are not long integers are written as doubles. One instance per {@link
 * RawEvent}; not thread-safe.
 */
final class RawDataCopier {

    /**
     * Up to this many members an object's names are checked for repeats by comparing each with those before it;
     * an object with more is refused here (the caller then reads it the slower way, which hashes names).
     */
    static final int MAX_COMPARED_KEYS = 64;

    private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
    private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};
    private static final byte[] NULL = {'n', 'u', 'l', 'l'};

    private final JsonScanner scanner;

    /** The names of the object being copied at each depth, so that a repeated name is found (index: depth). */
    private final RawMembers[] membersByDepth = new RawMembers[StrictJson.MAX_DEPTH + 1];

    /** The position just after the value last copied. */
    private int next;

    RawDataCopier(JsonScanner scanner) {
        this.scanner = scanner;
    }

    /**
     * The stored form of the value at {@code position} (whitespace before it already skipped); {@link #end()} then
     * tells where the value ends.
     *
     * @throws InvalidEventException if the value is not valid JSON, or is refused as the class description says
     */
    EncodedJson copy(int position) {
        FastJsonWriter out = FastJsonWriter.acquire();
        try {
            value(position, 0, out);
            return new EncodedJson(out.toByteArray());
        } finally {
            out.release();
        }
    }

    /** The position just after the value {@link #copy} copied last. */
    int end() {
        return next;
    }

    /** Copies the value at {@code position}, which {@code depth} objects and arrays enclose within data. */
    private void value(int position, int depth, FastJsonWriter out) {
        switch (scanner.peek(position)) {
            case '{' -> object(position, depth + 1, out);
            case '[' -> array(position, depth + 1, out);
            case '"' -> string(position, out);
            case 't' -> literal(position, TRUE, out);
            case 'f' -> literal(position, FALSE, out);
            case 'n' -> literal(position, NULL, out);
            default -> number(position, out);
        }
    }

    private void literal(int position, byte[] literal, FastJsonWriter out) {
        next = scanner.literalEnd(position, literal);
        out.raw(literal);
    }

    private void string(int position, FastJsonWriter out) {
        byte[] bytes = scanner.buffer();
        int end = scanner.stringEnd(position + 1);
        next = end + 1;
        if (scanner.escaped()) {
            out.string(JsonStrings.decode(bytes, position + 1, end, true, scanner.start()));
        } else {
            if (!scanner.ascii()) {
                JsonStrings.requireUtf8(bytes, position + 1, end, scanner.start());
            }
            out.raw(bytes, position, end + 1);
        }
    }

    private void number(int position, FastJsonWriter out) {
        byte[] bytes = scanner.buffer();
        int b = scanner.peek(position);
        if (b != '-' && !JsonScanner.isDigit(b)) {
            throw scanner.malformed(position, "a JSON value");
        }
        int end = scanner.numberEnd(position);
        next = end;
        if (end - position > StrictJson.MAX_NUMBER_LENGTH) {
            throw tooLong("number", position);
        }
        if (JsonNumbers.isLong(bytes, position, end)) {
            if (end - position == 2 && bytes[position] == '-' && bytes[position + 1] == '0') {
                out.number(0L); // -0 decodes to the Long 0
            } else {
                out.raw(bytes, position, end);
            }
        } else {
            out.number(RawValueReader.finite(bytes, position, end, scanner.start()));
        }
    }

    private void object(int position, int depth, FastJsonWriter out) {
        checkDepth(position, depth);
        out.startObject();
        RawMembers members = members(depth);
        int p = scanner.skipWhitespace(position + 1);
        if (scanner.peek(p) != '}') {
            while (true) {
                byte[] bytes = scanner.buffer();
                int keyStart = scanner.expect(p, '"', "a member name in double quotes");
                int keyEnd = scanner.stringEnd(keyStart);
                boolean escaped = scanner.escaped();
                if (keyEnd - keyStart > StrictJson.MAX_NAME_LENGTH) {
                    throw tooLong("member name", p);
                }
                if (!escaped && !scanner.ascii()) {
                    JsonStrings.requireUtf8(bytes, keyStart, keyEnd, scanner.start());
                }
                int valueAt = scanner.skipWhitespace(
                        scanner.expect(scanner.skipWhitespace(keyEnd + 1), ':', "':' after a member name"));
                requireNew(members, keyStart, keyEnd, escaped);
                if (members.size() > 0) {
                    out.append(',');
                }
                members.add(keyStart, keyEnd, escaped, valueAt);
                if (escaped) {
                    out.name(JsonStrings.decode(bytes, keyStart, keyEnd, true, scanner.start()));
                } else {
                    out.raw(bytes, p, keyEnd + 1);
                    out.append(':');
                }
                value(valueAt, depth, out);
                p = scanner.skipWhitespace(next);
                if (scanner.peek(p) == '}') {
                    break;
                }
                p = scanner.skipWhitespace(scanner.expect(p, ',', "',' or '}' in an object"));
            }
        }
        next = p + 1;
        out.endObject();
    }

    /** The names of the object being copied at {@code depth}, emptied: each level has its own, reused. */
    private RawMembers members(int depth) {
        RawMembers members = membersByDepth[depth];
        if (members == null) {
            members = new RawMembers();
            membersByDepth[depth] = members;
        }
        members.clear();
        return members;
    }

    private void array(int position, int depth, FastJsonWriter out) {
        checkDepth(position, depth);
        out.startArray();
        int p = scanner.skipWhitespace(position + 1);
        if (scanner.peek(p) != ']') {
            boolean first = true;
            while (true) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                value(p, depth, out);
                p = scanner.skipWhitespace(next);
                if (scanner.peek(p) == ']') {
                    break;
                }
                p = scanner.skipWhitespace(scanner.expect(p, ',', "',' or ']' in an array"));
            }
        }
        next = p + 1;
        out.endArray();
    }

    private void checkDepth(int position, int depth) {
        if (depth > StrictJson.MAX_DEPTH) {
            throw new InvalidEventException(
                    "/data",
                    "value at byte " + (position - scanner.start()) + " of the event is nested deeper than "
                            + StrictJson.MAX_DEPTH + " objects and arrays");
        }
    }

    /** Refuses a name the object already has, and an object with more members than are compared. */
    private void requireNew(RawMembers members, int start, int end, boolean escaped) {
        if (members.containsKey(start, end, escaped, scanner)) {
            throw new InvalidEventException(
                    "/data",
                    "duplicate key at byte " + (start - 1 - scanner.start())
                            + " of the event; a JSON object may hold each key once, so remove one of them");
        }
        if (members.size() == MAX_COMPARED_KEYS) {
            throw new InvalidEventException(
                    "/data",
                    "an object at byte " + (start - 1 - scanner.start()) + " of the event has more than "
                            + MAX_COMPARED_KEYS + " members, more than this copy compares");
        }
    }

    private InvalidEventException tooLong(String what, int position) {
        return new InvalidEventException(
                "/data", "the " + what + " at byte " + (position - scanner.start()) + " of the event is too long");
    }
}
