package dev.flows.engine.format;

import dev.flows.api.error.InvalidEventException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.exc.StreamReadException;

/**
 * Reads one JSON value from a parser into plain Java values: objects to {@code LinkedHashMap<String,
 * Object>}, arrays to {@code ArrayList<Object>}, strings to String, true/false to Boolean, null to null,
 * integers that fit a long to Long and every other number to Double. Integers beyond the long range become
 * Doubles (and lose digits past the 17th) rather than BigInteger, so that code downstream meets only the
 * two number types the event model names. Stateless and thread-safe.
 *
 * <p>Refuses duplicate keys, nesting deeper than {@link StrictJson#MAX_DEPTH} and numbers beyond the range
 * of a double, each with an {@link InvalidEventException} whose pointer is taken from the parser's position,
 * so it is right inside a batch too.
 */
final class JsonValueReader {

    private static final int MAX_NUMBER_IN_MESSAGE = 40;

    private JsonValueReader() {}

    /**
     * Reads the value whose first token is the parser's current token, leaving the parser on its last token.
     *
     * @param depth how many objects and arrays enclose the value within the value being read (0 at its root)
     */
    static Object read(JsonParser parser, int depth) {
        JsonToken token = parser.currentToken();
        if (token == null) {
            throw new StreamReadException(parser, "Unexpected end-of-input: expected a JSON value");
        }
        return switch (token) {
            case START_OBJECT -> readObject(parser, depth + 1);
            case START_ARRAY -> readArray(parser, depth + 1);
            case VALUE_STRING -> parser.getString();
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> number(parser);
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> throw new StreamReadException(parser, "Unexpected token " + token + ": expected a JSON value");
        };
    }

    /** The number under the parser as a Long when it is an integer within the long range, else a Double. */
    static Object number(JsonParser parser) {
        if (parser.currentToken() == JsonToken.VALUE_NUMBER_INT) {
            JsonParser.NumberType type = parser.getNumberType();
            if (type == JsonParser.NumberType.INT || type == JsonParser.NumberType.LONG) {
                return parser.getLongValue();
            }
        }
        return finiteDouble(parser);
    }

    /**
     * The number under the parser as a double.
     *
     * @throws InvalidEventException if it is beyond the range of a double
     */
    static double finiteDouble(JsonParser parser) {
        double value = parser.getDoubleValue();
        if (!Double.isFinite(value)) {
            throw new InvalidEventException(
                    here(parser),
                    "number " + abbreviated(parser.getString()) + " at '" + here(parser)
                            + "' is beyond the range of a double; send numbers between -1.7976931348623157E308"
                            + " and 1.7976931348623157E308, or send this one as a string");
        }
        return value;
    }

    private static Map<String, Object> readObject(JsonParser parser, int depth) {
        checkDepth(parser, depth);
        Map<String, Object> object = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
            String key = parser.currentName();
            parser.nextToken();
            Object value = read(parser, depth);
            int sizeBefore = object.size();
            object.put(key, value);
            if (object.size() == sizeBefore) {
                throw duplicateKey(parser, key);
            }
        }
        return object;
    }

    private static List<Object> readArray(JsonParser parser, int depth) {
        checkDepth(parser, depth);
        List<Object> array = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            array.add(read(parser, depth));
        }
        return array;
    }

    /** The refusal of a key repeated in an object, the parser standing on (the end of) the repeat's value. */
    static InvalidEventException duplicateKey(JsonParser parser, String key) {
        return new InvalidEventException(
                here(parser),
                "duplicate key '" + key + "' at '" + here(parser)
                        + "'; a JSON object may hold each key once, so remove one of them");
    }

    static void checkDepth(JsonParser parser, int depth) {
        if (depth > StrictJson.MAX_DEPTH) {
            throw new InvalidEventException(
                    here(parser),
                    "value at '" + here(parser) + "' is nested " + depth + " objects and arrays deep, more than the "
                            + StrictJson.MAX_DEPTH + " allowed; flatten the value to at most "
                            + StrictJson.MAX_DEPTH + " levels");
        }
    }

    /** A JSON Pointer to the parser's current value, within the whole document. */
    static String here(JsonParser parser) {
        return parser.streamReadContext().pathAsPointer().toString();
    }

    private static String abbreviated(String number) {
        return number.length() <= MAX_NUMBER_IN_MESSAGE
                ? number
                : number.substring(0, MAX_NUMBER_IN_MESSAGE) + "... (" + number.length() + " characters)";
    }
}
