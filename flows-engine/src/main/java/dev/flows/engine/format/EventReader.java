package dev.flows.engine.format;

import dev.flows.api.error.InvalidEventException;
import dev.flows.api.event.Event;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * Reads one structured-mode CloudEvent from a parser standing on the event's START_OBJECT and validates
 * every attribute as it reads it, so a bad event fails at its first wrong value with a pointer to it. One
 * instance per event; not thread-safe.
 */
final class EventReader {

    private static final int SPECVERSION = 1;
    private static final int ID = 1 << 1;
    private static final int SOURCE = 1 << 2;
    private static final int TYPE = 1 << 3;
    private static final int SUBJECT = 1 << 4;
    private static final int TIME = 1 << 5;
    private static final int DATACONTENTTYPE = 1 << 6;
    private static final int DATASCHEMA = 1 << 7;
    private static final int DATA = 1 << 8;
    private static final int DATA_BASE64 = 1 << 9;

    private static final int MAX_EXTENSION_NAME = 20;

    private final JsonParser parser;
    private final String base;
    private final String prefix;
    private final boolean encodeData;

    private int seen;
    private String specVersion;
    private String id;
    private String source;
    private String type;
    private String subject;
    private Instant time;
    private String dataContentType;
    private String dataSchema;
    private Map<String, Object> extensions;
    private Object data;

    /**
     * @param base   JSON Pointer to the event object: "" for a single event, "/3" for the fourth of a batch
     * @param prefix how messages name the event: "" for a single event, "event 3 of the batch: " in a batch
     * @param encodeData whether {@code data} is kept as {@link EncodedJson} rather than plain values
     */
    private EventReader(JsonParser parser, String base, String prefix, boolean encodeData) {
        this.parser = parser;
        this.base = base;
        this.prefix = prefix;
        this.encodeData = encodeData;
    }

    /** Reads the event whose START_OBJECT is the parser's current token; leaves the parser on its END_OBJECT. */
    static Event read(JsonParser parser, String base, String prefix) {
        return new EventReader(parser, base, prefix, false).read();
    }

    /** Reads the event as {@link #read} does, with its JSON {@code data} as {@link EncodedJson}. */
    static Event readEncodingData(JsonParser parser, String base, String prefix) {
        return new EventReader(parser, base, prefix, true).read();
    }

    private Event read() {
        while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
            String name = parser.currentName();
            JsonToken token = parser.nextToken();
            attribute(name, token);
        }
        requirePresent(SPECVERSION, "specversion", "\"1.0\"");
        requirePresent(ID, "id", "\"order-1001\"");
        requirePresent(SOURCE, "source", "\"/shop/checkout\"");
        requirePresent(TYPE, "type", "\"shop.order.placed\"");
        return new Event(
                id,
                source,
                type,
                specVersion,
                subject,
                time,
                dataContentType,
                dataSchema,
                extensions == null ? Map.of() : extensions,
                data);
    }

    private void attribute(String name, JsonToken token) {
        switch (name) {
            case "specversion" -> specVersion = specVersion(mark(SPECVERSION, name), token);
            case "id" -> id = string(mark(ID, name), token, "\"order-1001\"");
            case "source" -> source = string(mark(SOURCE, name), token, "\"/shop/checkout\"");
            case "type" -> type = string(mark(TYPE, name), token, "\"shop.order.placed\"");
            case "subject" -> subject = string(mark(SUBJECT, name), token, "\"order-1001\"");
            case "time" -> time = time(mark(TIME, name), token);
            case "datacontenttype" ->
                dataContentType = string(mark(DATACONTENTTYPE, name), token, "\"application/json\"");
            case "dataschema" ->
                dataSchema = string(mark(DATASCHEMA, name), token, "\"https://example.com/schemas/order.json\"");
            case "data" -> {
                mark(DATA, name);
                data = encodeData ? JsonValueCopier.copy(parser) : JsonValueReader.read(parser, 0);
            }
            case "data_base64" -> data = base64(mark(DATA_BASE64, name), token);
            default -> extension(name, token);
        }
    }

    /** Records that an attribute was seen, refusing a repeat and {@code data} beside {@code data_base64}. */
    private String mark(int bit, String name) {
        if ((seen & bit) != 0) {
            throw fail(name, "attribute '" + name + "' appears twice; send each attribute once");
        }
        seen |= bit;
        if ((seen & (DATA | DATA_BASE64)) == (DATA | DATA_BASE64)) {
            throw fail(
                    name,
                    "event has both 'data' and 'data_base64'; send JSON data in 'data' or binary data"
                            + " base64-encoded in 'data_base64', not both");
        }
        return name;
    }

    private String specVersion(String name, JsonToken token) {
        String value = string(name, token, "\"1.0\"");
        if (!Event.SPEC_VERSION.equals(value)) {
            throw fail(
                    name,
                    "specversion '" + value + "' is not supported; Flows accepts CloudEvents 1.0, send"
                            + " \"specversion\": \"1.0\"");
        }
        return Event.SPEC_VERSION;
    }

    private String string(String name, JsonToken token, String example) {
        String value = anyString(name, token, example);
        if (value.isEmpty()) {
            throw fail(
                    name,
                    "attribute '" + name + "' is an empty string; send a non-empty string, e.g. \"" + name + "\": "
                            + example + ", or leave out an optional attribute");
        }
        return value;
    }

    private String anyString(String name, JsonToken token, String example) {
        if (token != JsonToken.VALUE_STRING) {
            throw fail(
                    name,
                    "attribute '" + name + "' must be a string, not " + describe(token)
                            + "; send it as a JSON string, e.g. \"" + name + "\": " + example);
        }
        return parser.getString();
    }

    private Instant time(String name, JsonToken token) {
        String text = string(name, token, "\"" + Rfc3339.EXAMPLE + "\"");
        try {
            return Rfc3339.parse(text);
        } catch (DateTimeParseException e) {
            throw fail(
                    name,
                    "attribute 'time' value '" + text + "' is not an RFC 3339 timestamp; send a date, time and"
                            + " offset, e.g. \"time\": \"" + Rfc3339.EXAMPLE + "\"");
        }
    }

    private byte[] base64(String name, JsonToken token) {
        String text = anyString(name, token, "\"aGVsbG8=\"");
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw fail(
                    name,
                    "attribute 'data_base64' is not valid base64 (" + e.getMessage() + "); encode binary data"
                            + " with standard base64 (RFC 4648: A-Z, a-z, 0-9, '+', '/', '=' padding), e.g."
                            + " \"data_base64\": \"aGVsbG8=\"");
        }
    }

    private void extension(String name, JsonToken token) {
        if (!isExtensionName(name)) {
            throw fail(
                    name,
                    "extension attribute '" + name + "' is not a valid name; CloudEvents attribute names are"
                            + " lower-case letters and digits, at most " + MAX_EXTENSION_NAME + ", e.g. '"
                            + suggestedName(name) + "'");
        }
        Object value = switch (token) {
            case VALUE_STRING -> parser.getString();
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> JsonValueReader.number(parser);
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            default ->
                throw fail(
                        name,
                        "extension attribute '" + name + "' is " + describe(token)
                                + "; extension values must be a string, number or boolean, so send"
                                + " a scalar (e.g. \"" + name + "\": \"value\") or leave the"
                                + " attribute out");
        };
        if (extensions == null) {
            extensions = new LinkedHashMap<>();
        } else if (extensions.containsKey(name)) {
            throw fail(name, "attribute '" + name + "' appears twice; send each attribute once");
        }
        extensions.put(name, value);
    }

    private void requirePresent(int bit, String name, String example) {
        if ((seen & bit) == 0) {
            throw fail(
                    name,
                    "required attribute '" + name + "' is missing; every CloudEvent needs specversion, id,"
                            + " source and type, e.g. \"" + name + "\": " + example);
        }
    }

    private InvalidEventException fail(String attribute, String message) {
        return new InvalidEventException(StrictJson.pointer(base, attribute), prefix + message);
    }

    private static boolean isExtensionName(String name) {
        int length = name.length();
        if (length == 0 || length > MAX_EXTENSION_NAME) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = name.charAt(i);
            if (!(c >= 'a' && c <= 'z') && !(c >= '0' && c <= '9')) {
                return false;
            }
        }
        return true;
    }

    /** The name lower-cased with everything but letters and digits dropped: 'orderId' to 'orderid'. */
    private static String suggestedName(String name) {
        StringBuilder suggestion = new StringBuilder();
        for (int i = 0; i < name.length() && suggestion.length() < MAX_EXTENSION_NAME; i++) {
            char c = Character.toLowerCase(name.charAt(i));
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                suggestion.append(c);
            }
        }
        return suggestion.isEmpty() ? "myextension" : suggestion.toString();
    }

    /** How a message names a value of the wrong kind: "a number (42)", "an object". */
    private String describe(JsonToken token) {
        return switch (token) {
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number (" + parser.getString() + ")";
            case VALUE_TRUE -> "a boolean (true)";
            case VALUE_FALSE -> "a boolean (false)";
            case VALUE_NULL -> "null";
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            default -> token.toString();
        };
    }
}
