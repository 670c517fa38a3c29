package dev.flows.engine.format;

import dev.flows.api.error.InvalidEventException;
import dev.flows.api.event.Event;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One structured-mode CloudEvent read in place from JSON bytes, a flyweight reused from event to event: {@link
 * #reset} makes one pass over the bytes and records where each attribute's value and each member of a {@code
 * data} object stands; values are converted only when asked for, and then cached until the next reset. A
 * flow that only filters on {@code type} thus never builds a String.
 *
 * <p>{@link #reset} checks the JSON syntax of the whole event and every rule of {@link JsonEventFormat#decode}
 * about attributes (required ones present, {@code specversion} "1.0", non-empty strings, {@code time} in RFC
 * 3339, extension names and kinds, no attribute twice, not both {@code data} and {@code data_base64}), and
 * refuses {@code data} nested deeper than {@value StrictJson#MAX_DEPTH}. What is left to the conversion of a
 * value, because checking it means converting it, is checked when that value is converted: UTF-8 of strings,
 * duplicate keys inside {@code data}, numbers beyond the double range and base64. {@link #event()} converts
 * everything, so it fails exactly when {@code decode} fails. Every failure is an {@link InvalidEventException}
 * whose message gives the byte offset within the event. Only UTF-8 input is read (with or without a byte
 * order mark); Jackson would also detect UTF-16 and UTF-32.
 *
 * <p>Positions ({@link #dataPosition}, {@link #member}) are indexes into the buffer, valid until the next
 * reset; the methods that take a position accept only those (any other int gives an undefined result). Values
 * returned (Strings, maps, Instants) are copies and stay valid after the reset. The buffer must not
 * change between a reset and the last read of the event. Not thread-safe: one instance per thread.
 */
public final class RawEvent {

    /** The {@code specversion} attribute, for {@link #has}, {@link #string} and {@link #stringEquals}. */
    public static final int SPEC_VERSION = 0;
    /** The {@code id} attribute. */
    public static final int ID = 1;
    /** The {@code source} attribute. */
    public static final int SOURCE = 2;
    /** The {@code type} attribute. */
    public static final int TYPE = 3;
    /** The {@code subject} attribute. */
    public static final int SUBJECT = 4;
    /** The {@code time} attribute (its text for {@link #string}; {@link #time} gives the instant). */
    public static final int TIME = 5;
    /** The {@code datacontenttype} attribute. */
    public static final int DATA_CONTENT_TYPE = 6;
    /** The {@code dataschema} attribute. */
    public static final int DATA_SCHEMA = 7;
    /** The {@code data} attribute: a JSON value. */
    public static final int DATA = 8;
    /** The {@code data_base64} attribute: binary data as a base64 string. */
    public static final int DATA_BASE64 = 9;

    static final int ATTRIBUTES = 10;
    private static final String[] NAMES = AttributeNames.NAMES;
    private static final String[] EXAMPLES = {
        "\"1.0\"",
        "\"order-1001\"",
        "\"/shop/checkout\"",
        "\"shop.order.placed\"",
        "\"order-1001\"",
        "\"" + Rfc3339.EXAMPLE + "\"",
        "\"application/json\"",
        "\"https://example.com/schemas/order.json\"",
        "",
        ""
    };
    private static final int MAX_EXTENSION_NAME = 20;
    private static final byte[] VERSION_1_0 = Event.SPEC_VERSION.getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PARTITION_KEY_UTF8 = Event.PARTITION_KEY.getBytes(StandardCharsets.US_ASCII);

    private final JsonScanner scanner = new JsonScanner();
    private final RawValueReader reader = new RawValueReader(scanner);

    // Bit sets over attributes (1 << attribute): present in the event, string holding escapes, string of ASCII
    // bytes only without escapes, string decoded.
    // Bits rather than arrays filled with "absent", so that a reset clears four ints.
    private int present;
    private int escapedAttributes;
    private int asciiAttributes;
    private int decoded;
    // Per present attribute: where its value starts (the opening quote of a string) and, for strings, where
    // the content ends (the closing quote); the decoded strings.
    private final int[] valueStart = new int[ATTRIBUTES];
    private final int[] valueEnd = new int[ATTRIBUTES];
    private final String[] strings = new String[ATTRIBUTES];

    private RawDataCopier dataCopier;
    private boolean copyData;
    private EncodedJson copiedData;

    private final RawMembers extensionMembers = new RawMembers();
    private final RawMembers dataMembers = new RawMembers();
    private boolean dataIndexed;

    private long timeSecond;
    private int timeNano; // -1 until read: most flows never read the fraction
    private Instant time;
    private boolean dataRead;
    private Object data;
    private Map<String, Object> extensions;

    /** An empty event; {@link #reset} it before reading. */
    public RawEvent() {}

    /**
     * Reads the event in {@code buffer[offset, offset + length)}, forgetting the previous one.
     *
     * @return this
     * @throws InvalidEventException if the bytes are not one valid event (see the class description for what
     *     is checked now and what when a value is converted); this object is then empty until the next reset
     * @throws IndexOutOfBoundsException if the range is outside the buffer
     */
    public RawEvent reset(byte[] buffer, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, buffer.length);
        int after = scanner.skipWhitespace(read(buffer, offset, offset + length, false));
        if (after != offset + length) {
            clear();
            throw scanner.malformed(after, "the end of the event after its closing '}'");
        }
        return this;
    }

    /**
     * Reads the event object that starts at {@code buffer[offset]} (after a byte order mark and whitespace) and
     * ends at or before {@code limit}, for {@link #eventForStorage()}: as {@link #reset} does, but {@code data} is
     * copied into its stored form in the same pass instead of being indexed, and what follows the object is left
     * to the caller. Other readings of {@code data} ({@link #data()}, {@link #member}) are not available after it.
     *
     * @return the position just after the object's closing brace
     * @throws InvalidEventException if the bytes do not start with one valid event, or {@link RawDataCopier}
     *     refuses its data
     */
    int readForStorage(byte[] buffer, int offset, int limit) {
        int end = read(buffer, offset, limit, true);
        scanner.reset(buffer, offset, end); // so that length() is the event's
        return end;
    }

    /** Forgets the previous event and scans the object at {@code offset}; returns the position after it. */
    private int read(byte[] buffer, int offset, int limit, boolean copyingData) {
        clear();
        copyData = copyingData;
        scanner.reset(buffer, offset, limit);
        try {
            return scan(offset);
        } catch (InvalidEventException e) {
            clear();
            throw e;
        }
    }

    /** The buffer of the current event. */
    public byte[] buffer() {
        return scanner.buffer();
    }

    /** Where the current event starts in {@link #buffer()}. */
    public int offset() {
        return scanner.start();
    }

    /** The length of the current event in bytes. */
    public int length() {
        return scanner.limit() - scanner.start();
    }

    /** Whether the event has the attribute ({@link #ID} ... {@link #DATA_BASE64}). */
    public boolean has(int attribute) {
        return (present & (1 << attribute)) != 0;
    }

    /**
     * The value of a string attribute ({@link #SPEC_VERSION} to {@link #DATA_SCHEMA}, or {@link #DATA_BASE64}'s
     * text), decoded once and cached.
     *
     * @return the string, or null when the event does not have the attribute
     * @throws InvalidEventException if the string is not UTF-8
     */
    public String string(int attribute) {
        int bit = 1 << attribute;
        if ((decoded & bit) != 0) {
            return strings[attribute];
        }
        if ((present & bit) == 0) {
            return null;
        }
        int from = valueStart[attribute] + 1;
        int to = valueEnd[attribute];
        String value = (asciiAttributes & bit) != 0
                ? new String(scanner.buffer(), from, to - from, StandardCharsets.ISO_8859_1)
                : JsonStrings.decode(scanner.buffer(), from, to, (escapedAttributes & bit) != 0, scanner.start());
        strings[attribute] = value;
        decoded |= bit;
        return value;
    }

    /**
     * Whether a string attribute equals {@code text}, compared as bytes when the attribute holds no escape, so
     * nothing is built.
     *
     * @param utf8 {@code text} in UTF-8 (which must decode back to {@code text}: no lone surrogates)
     * @return false when the event does not have the attribute
     */
    public boolean stringEquals(int attribute, byte[] utf8, String text) {
        if (!has(attribute)) {
            return false;
        }
        int start = valueStart[attribute];
        if ((escapedAttributes & (1 << attribute)) == 0) {
            return JsonStrings.equalsUtf8(scanner.buffer(), start + 1, valueEnd[attribute], utf8);
        }
        return text.equals(string(attribute));
    }

    /** The event time, or null when the event has none. */
    public Instant time() {
        if (time == null && has(TIME)) {
            if (timeNano < 0) {
                timeNano = Rfc3339.nano(scanner.buffer(), valueStart[TIME] + 1, valueEnd[TIME]);
            }
            time = Instant.ofEpochSecond(timeSecond, timeNano);
        }
        return time;
    }

    /**
     * The payload as {@link JsonEventFormat#decode} gives it: a plain JSON value ({@code LinkedHashMap},
     * {@code ArrayList}, String, Long, Double, Boolean), a {@code byte[]} for {@code data_base64}, or null.
     * Converted once and cached; callers must not modify it.
     *
     * @throws InvalidEventException if the data holds a duplicate key, a number beyond the double range, text
     *     that is not UTF-8 or invalid base64
     */
    public Object data() {
        if (!dataRead) {
            if (has(DATA)) {
                data = reader.read(valueStart[DATA], 0);
            } else if (has(DATA_BASE64)) {
                data = base64();
            }
            dataRead = true;
        }
        return data;
    }

    /** The extension attributes in the order they appear, as {@link JsonEventFormat#decode} gives them. */
    public Map<String, Object> extensions() {
        if (extensions == null) {
            int count = extensionMembers.size();
            Map<String, Object> map = count == 0 ? Map.of() : new LinkedHashMap<>(count * 2);
            for (int i = 0; i < count; i++) {
                map.put(extensionMembers.key(i, scanner), reader.read(extensionMembers.value(i), 0));
            }
            extensions = map;
        }
        return extensions;
    }

    /**
     * The whole event, equal to what {@link JsonEventFormat#decode} gives for the same bytes, built from this
     * reading (nothing is scanned twice). Use it when the event must be written out or handed on.
     *
     * @throws InvalidEventException if a value fails its conversion (see {@link #data()})
     */
    public Event event() {
        return build(false);
    }

    /**
     * The event {@link #readForStorage} read, as {@link JsonEventFormat#decodeForStorage} gives it: {@link #event()}
     * with JSON {@code data} as {@link EncodedJson}.
     *
     * @throws InvalidEventException if an attribute fails its conversion (UTF-8, base64)
     */
    Event eventForStorage() {
        return build(true);
    }

    private Event build(boolean forStorage) {
        String id = string(ID);
        String source = string(SOURCE);
        String type = string(TYPE);
        String subject = string(SUBJECT);
        Instant eventTime = time();
        String dataContentType = string(DATA_CONTENT_TYPE);
        String dataSchema = string(DATA_SCHEMA);
        Map<String, Object> eventExtensions = extensions();
        return new Event(
                id,
                source,
                type,
                Event.SPEC_VERSION,
                subject,
                eventTime,
                dataContentType,
                dataSchema,
                eventExtensions,
                forStorage && has(DATA) ? copiedData : data());
    }

    /**
     * The key that decides the event's partition, as {@link Event#partitionKey()} computes it: the {@code
     * partitionkey} extension when present, else the subject, else null.
     */
    public String partitionKey() {
        int key = extensionMembers.find(Event.PARTITION_KEY, PARTITION_KEY_UTF8, scanner);
        return key >= 0 ? reader.read(key, 0).toString() : string(SUBJECT);
    }

    /** Where the JSON value of {@code data} starts, or -1 when the event has no {@code data} member. */
    public int dataPosition() {
        return has(DATA) ? valueStart[DATA] : -1;
    }

    /** Whether the value at {@code position} is a JSON object. */
    public boolean isObject(int position) {
        return scanner.peek(position) == '{';
    }

    /**
     * Finds a member of the object at {@code position} (members of {@code data} itself were indexed by the
     * scan; deeper objects are searched). The first member of that name wins: a duplicate is refused only
     * when the object is converted.
     *
     * @param position  an object's position ({@link #isObject} holds)
     * @param key       the member name
     * @param keyUtf8   {@code key} in UTF-8
     * @return the position of the member's value, or -1 when the object has no such member
     */
    public int member(int position, String key, byte[] keyUtf8) {
        if (dataIndexed && position == valueStart[DATA]) {
            return dataMembers.find(key, keyUtf8, scanner);
        }
        return RawMembers.search(position, key, keyUtf8, scanner);
    }

    /** Whether the value at {@code position} is a number that converts to a Long. */
    public boolean isLong(int position) {
        int b = scanner.peek(position);
        if (b != '-' && !JsonScanner.isDigit(b)) {
            return false;
        }
        return JsonNumbers.isLong(scanner.buffer(), position, scanner.numberEnd(position));
    }

    /** The Long value of the number at {@code position}, for which {@link #isLong} holds. */
    public long longAt(int position) {
        return JsonNumbers.longValue(scanner.buffer(), position, scanner.numberEnd(position));
    }

    /** Whether the value at {@code position} is a number that converts to a Double (not a Long). */
    public boolean isDouble(int position) {
        int b = scanner.peek(position);
        return (b == '-' || JsonScanner.isDigit(b)) && !isLong(position);
    }

    /**
     * The Double value of the number at {@code position}, for which {@link #isDouble} holds.
     *
     * @throws InvalidEventException if the number is beyond the double range
     */
    public double doubleAt(int position) {
        return RawValueReader.finite(scanner.buffer(), position, scanner.numberEnd(position), scanner.start());
    }

    /** Whether the value at {@code position} is a string equal to {@code text} (see {@link #stringEquals}). */
    public boolean stringEqualsAt(int position, byte[] utf8, String text) {
        if (scanner.peek(position) != '"') {
            return false;
        }
        int end = scanner.stringEnd(position + 1);
        if (!scanner.escaped()) {
            return JsonStrings.equalsUtf8(scanner.buffer(), position + 1, end, utf8);
        }
        return text.equals(reader.string(position));
    }

    /**
     * The plain Java value at {@code position}, converted anew at each call.
     *
     * @throws InvalidEventException if the value fails its conversion (see {@link #data()})
     */
    public Object valueAt(int position) {
        if (has(DATA) && position == valueStart[DATA]) {
            return data();
        }
        return reader.read(position, 1);
    }

    private void clear() {
        for (int bits = decoded; bits != 0; bits &= bits - 1) {
            strings[Integer.numberOfTrailingZeros(bits)] = null; // keep no string of an old event alive
        }
        present = 0;
        decoded = 0;
        escapedAttributes = 0;
        asciiAttributes = 0;
        extensionMembers.clear();
        dataMembers.clear();
        dataIndexed = false;
        time = null;
        dataRead = false;
        data = null;
        copiedData = null;
        extensions = null;
    }

    /** Scans the event object from {@code offset}; returns the position after its closing brace. */
    private int scan(int offset) {
        byte[] bytes = scanner.buffer();
        int p = offset;
        if (scanner.limit() - offset >= 3
                && bytes[p] == (byte) 0xEF
                && bytes[p + 1] == (byte) 0xBB
                && bytes[p + 2] == (byte) 0xBF) {
            p += 3; // a UTF-8 byte order mark, which Jackson skips too
        }
        p = scanner.skipWhitespace(p);
        if (scanner.peek(p) != '{') {
            throw notAnObject(p);
        }
        p = scanner.skipWhitespace(p + 1);
        if (scanner.peek(p) != '}') {
            while (true) {
                int keyStart = scanner.expect(p, '"', "an attribute name in double quotes");
                int attribute = AttributeNames.known(bytes, keyStart, scanner.limit());
                int keyEnd;
                boolean keyEscaped = false;
                if (attribute >= 0) {
                    keyEnd = keyStart + AttributeNames.length(attribute);
                } else {
                    keyEnd = scanner.stringEnd(keyStart);
                    keyEscaped = scanner.escaped();
                    attribute = keyEscaped
                            ? AttributeNames.of(JsonStrings.decode(bytes, keyStart, keyEnd, true, offset))
                            : AttributeNames.of(bytes, keyStart, keyEnd);
                }
                p = scanner.skipWhitespace(keyEnd + 1);
                p = scanner.skipWhitespace(scanner.expect(p, ':', "':' after an attribute name"));
                p = attribute >= 0 ? attributeValue(attribute, p) : extensionValue(keyStart, keyEnd, keyEscaped, p);
                p = scanner.skipWhitespace(p);
                if (scanner.peek(p) == '}') {
                    break;
                }
                p = scanner.skipWhitespace(scanner.expect(p, ',', "',' or '}' after an attribute"));
            }
        }
        p++;
        requirePresent(SPEC_VERSION, p);
        requirePresent(ID, p);
        requirePresent(SOURCE, p);
        requirePresent(TYPE, p);
        return p;
    }

    /** Records the value of a context attribute starting at {@code p}, checking it; returns where it ends. */
    private int attributeValue(int attribute, int p) {
        String name = NAMES[attribute];
        if (has(attribute)) {
            throw fail(name, p, "attribute '" + name + "' appears twice; send each attribute once");
        }
        if ((attribute == DATA && has(DATA_BASE64)) || (attribute == DATA_BASE64 && has(DATA))) {
            throw fail(
                    name,
                    p,
                    "event has both 'data' and 'data_base64'; send JSON data in 'data' or binary data"
                            + " base64-encoded in 'data_base64', not both");
        }
        valueStart[attribute] = p;
        present |= 1 << attribute;
        if (attribute == DATA) {
            if (copyData) {
                if (dataCopier == null) {
                    dataCopier = new RawDataCopier(scanner);
                }
                copiedData = dataCopier.copy(p);
                return dataCopier.end();
            }
            if (scanner.peek(p) == '{') {
                dataIndexed = true;
                return dataMembers.index(p, scanner);
            }
            return scanner.valueEnd(p, 0);
        }
        if (scanner.peek(p) != '"') {
            scanner.valueEnd(p, 0); // malformed JSON is reported as such, before the value's kind
            throw fail(
                    name,
                    p,
                    "attribute '" + name + "' must be a string, not " + describe(p) + "; send it as a JSON string,"
                            + " e.g. \"" + name + "\": "
                            + (attribute == DATA_BASE64 ? "\"aGVsbG8=\"" : EXAMPLES[attribute]));
        }
        int end = scanner.stringEnd(p + 1);
        valueEnd[attribute] = end;
        if (scanner.escaped()) {
            escapedAttributes |= 1 << attribute;
        } else if (scanner.ascii()) {
            asciiAttributes |= 1 << attribute; // read as Latin-1, which for ASCII is the UTF-8 reading
        }
        if (attribute != DATA_BASE64 && end == p + 1) {
            throw fail(
                    name,
                    p,
                    "attribute '" + name + "' is an empty string; send a non-empty string, e.g. \"" + name + "\": "
                            + EXAMPLES[attribute] + ", or leave out an optional attribute");
        }
        if (attribute == SPEC_VERSION) {
            checkSpecVersion();
        } else if (attribute == TIME) {
            checkTime();
        }
        return end + 1;
    }

    private void checkSpecVersion() {
        if (!stringEquals(SPEC_VERSION, VERSION_1_0, Event.SPEC_VERSION)) {
            throw fail(
                    "specversion",
                    valueStart[SPEC_VERSION],
                    "specversion '" + string(SPEC_VERSION) + "' is not supported; Flows accepts CloudEvents 1.0,"
                            + " send \"specversion\": \"1.0\"");
        }
    }

    /** Parses the time now, so that a bad one fails the reset; the Instant is built only when read. */
    private void checkTime() {
        byte[] bytes = scanner.buffer();
        int from = valueStart[TIME] + 1;
        int to = valueEnd[TIME];
        try {
            if ((escapedAttributes & (1 << TIME)) == 0) {
                timeSecond = Rfc3339.epochSecond(bytes, from, to);
                timeNano = -1;
            } else {
                Instant parsed = Rfc3339.parse(string(TIME));
                timeSecond = parsed.getEpochSecond();
                timeNano = parsed.getNano();
            }
        } catch (DateTimeParseException e) {
            throw fail(
                    "time",
                    from - 1,
                    "attribute 'time' value '" + string(TIME) + "' is not an RFC 3339 timestamp; send a date, time and"
                            + " offset, e.g. \"time\": \"" + Rfc3339.EXAMPLE + "\"");
        }
    }

    /** Records an extension attribute, checking its name, its kind and that it appears once. */
    private int extensionValue(int keyStart, int keyEnd, boolean keyEscaped, int p) {
        byte[] bytes = scanner.buffer();
        if (keyEscaped || !isExtensionName(bytes, keyStart, keyEnd)) {
            String name = JsonStrings.decode(bytes, keyStart, keyEnd, keyEscaped, scanner.start());
            if (!keyEscaped || !isExtensionName(name)) {
                throw fail(
                        name,
                        keyStart - 1,
                        "extension attribute '" + name + "' is not a valid name; CloudEvents attribute names are"
                                + " lower-case letters and digits, at most " + MAX_EXTENSION_NAME);
            }
        }
        int b = scanner.peek(p);
        int end;
        if (b == '"') {
            end = scanner.stringEnd(p + 1) + 1;
        } else if (b == 't' || b == 'f') {
            end = scanner.valueEnd(p, 0);
        } else if (b == '-' || JsonScanner.isDigit(b)) {
            end = scanner.numberEnd(p);
            if (end - p > StrictJson.MAX_NUMBER_LENGTH) {
                String name = JsonStrings.decode(bytes, keyStart, keyEnd, keyEscaped, scanner.start());
                throw fail(
                        name,
                        p,
                        "extension attribute '" + name + "' is a number of " + (end - p) + " characters, more than the "
                                + StrictJson.MAX_NUMBER_LENGTH + " a number may have; send it as a string");
            }
            if (!JsonNumbers.isLong(bytes, p, end)) {
                RawValueReader.finite(bytes, p, end, scanner.start());
            }
        } else {
            scanner.valueEnd(p, 0); // malformed JSON is reported as such, before the value's kind
            String name = JsonStrings.decode(bytes, keyStart, keyEnd, keyEscaped, scanner.start());
            throw fail(
                    name,
                    p,
                    "extension attribute '" + name + "' is " + describe(p) + "; extension values must be a string,"
                            + " number or boolean, so send a scalar (e.g. \"" + name + "\": \"value\") or leave the"
                            + " attribute out");
        }
        if (extensionMembers.containsKey(keyStart, keyEnd, keyEscaped, scanner)) {
            String name = JsonStrings.decode(bytes, keyStart, keyEnd, keyEscaped, scanner.start());
            throw fail(name, keyStart - 1, "attribute '" + name + "' appears twice; send each attribute once");
        }
        extensionMembers.add(keyStart, keyEnd, keyEscaped, p);
        return end;
    }

    private static boolean isExtensionName(byte[] bytes, int from, int to) {
        int length = to - from;
        if (length == 0 || length > MAX_EXTENSION_NAME) {
            return false;
        }
        for (int i = from; i < to; i++) {
            byte c = bytes[i];
            if (!(c >= 'a' && c <= 'z') && !(c >= '0' && c <= '9')) {
                return false;
            }
        }
        return true;
    }

    private static boolean isExtensionName(String name) {
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        return bytes.length == name.length() && isExtensionName(bytes, 0, bytes.length);
    }

    private byte[] base64() {
        String text = string(DATA_BASE64);
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw fail(
                    "data_base64",
                    valueStart[DATA_BASE64],
                    "attribute 'data_base64' is not valid base64 (" + e.getMessage() + "); encode binary data"
                            + " with standard base64 (RFC 4648: A-Z, a-z, 0-9, '+', '/', '=' padding)");
        }
    }

    private void requirePresent(int attribute, int end) {
        if (!has(attribute)) {
            String name = NAMES[attribute];
            throw fail(
                    name,
                    end,
                    "required attribute '" + name + "' is missing; every CloudEvent needs specversion, id, source"
                            + " and type, e.g. \"" + name + "\": " + EXAMPLES[attribute]);
        }
    }

    private InvalidEventException notAnObject(int p) {
        return new InvalidEventException(
                "",
                "byte " + (p - scanner.start()) + " of the event: event body is " + describe(p)
                        + ", not a JSON object; send one CloudEvent as a JSON object, e.g."
                        + " {\"specversion\": \"1.0\", \"id\": \"order-1001\", \"source\": \"/shop\", \"type\":"
                        + " \"shop.order.placed\"}");
    }

    private InvalidEventException fail(String attribute, int position, String message) {
        return new InvalidEventException(
                StrictJson.pointer("", attribute),
                "byte " + (position - scanner.start()) + " of the event: " + message);
    }

    /** How a message names a value of the wrong kind: "a number", "an object". */
    private String describe(int p) {
        int b = scanner.peek(p);
        return switch (b) {
            case -1 -> "empty";
            case '"' -> "a string";
            case '{' -> "an object";
            case '[' -> "an array";
            case 't', 'f' -> "a boolean";
            case 'n' -> "null";
            default ->
                b == '-' || JsonScanner.isDigit(b) ? "a number" : "not JSON (byte " + (p - scanner.start()) + ")";
        };
    }
}
