package dev.flows.engine.definition;

import dev.flows.api.error.FlowDefinitionException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.json.JsonFactory;

/**
 * Reads a JSON lookup file: one object from key to value, every error located at its line and column. Values
 * decode as event data does (integers within the long range to Long, other numbers to Double). Stateless and
 * thread-safe.
 */
final class JsonLookup {

    /** Immutable and thread-safe once built. */
    private static final JsonFactory FACTORY = new JsonFactory();

    private static final String FORM =
            "a JSON lookup file is one object from key to value, e.g." + " {\"DE\": \"EU\", \"US\": \"AMER\"}";

    private JsonLookup() {}

    static Map<String, Object> read(byte[] bytes, String name) {
        try (JsonParser parser = FACTORY.createParser(ObjectReadContext.empty(), bytes)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw LookupFile.problem(name, 0, 0, "is empty; " + FORM);
            }
            if (first != JsonToken.START_OBJECT) {
                throw at(name, parser.currentTokenLocation(), "is a JSON " + kind(first) + ", not an object; " + FORM);
            }
            Map<String, Object> entries = object(parser, name);
            if (parser.nextToken() != null) {
                throw at(name, parser.currentTokenLocation(), "has more after the end of its object; " + FORM);
            }
            return Collections.unmodifiableMap(entries);
        } catch (JacksonException e) {
            throw at(
                    name,
                    e.getLocation(),
                    "is not valid JSON: " + e.getOriginalMessage() + "; fix the syntax: " + FORM);
        }
    }

    /** The object whose START_OBJECT is the current token, leaving the parser on its END_OBJECT. */
    private static Map<String, Object> object(JsonParser parser, String name) {
        Map<String, Object> object = new LinkedHashMap<>();
        Map<String, Integer> lines = new HashMap<>();
        while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
            String key = parser.currentName();
            TokenStreamLocation where = parser.currentTokenLocation();
            Integer first = lines.putIfAbsent(key, where.getLineNr());
            if (first != null) {
                throw at(
                        name,
                        where,
                        "has the key '" + key + "' twice, here and at line " + first
                                + "; keep one, since a lookup gives one value per key");
            }
            parser.nextToken();
            object.put(key, value(parser, name));
        }
        return object;
    }

    private static Object value(JsonParser parser, String name) {
        return switch (parser.currentToken()) {
            case START_OBJECT -> object(parser, name);
            case START_ARRAY -> array(parser, name);
            case VALUE_STRING -> parser.getString();
            case VALUE_NUMBER_INT ->
                parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                        ? parser.getDoubleValue()
                        : (Object) parser.getLongValue();
            case VALUE_NUMBER_FLOAT -> finite(parser, name);
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            case null, default ->
                // Jackson reports malformed input itself; this only guards against a token it lets through.
                throw at(name, parser.currentTokenLocation(), "ends where a value was expected; " + FORM);
        };
    }

    private static List<Object> array(JsonParser parser, String name) {
        List<Object> array = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            array.add(value(parser, name));
        }
        return array;
    }

    private static Object finite(JsonParser parser, String name) {
        double value = parser.getDoubleValue();
        if (!Double.isFinite(value)) {
            throw at(
                    name,
                    parser.currentTokenLocation(),
                    "has a number beyond the range of a double; write it as" + " a string");
        }
        return value;
    }

    private static String kind(JsonToken token) {
        return switch (token) {
            case START_ARRAY -> "array";
            case VALUE_STRING -> "string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "number";
            case VALUE_TRUE, VALUE_FALSE -> "boolean";
            default -> "null";
        };
    }

    private static FlowDefinitionException at(String name, TokenStreamLocation where, String message) {
        return where == null || where.getLineNr() < 1
                ? LookupFile.problem(name, 0, 0, message)
                : LookupFile.problem(name, where.getLineNr(), Math.max(1, where.getColumnNr()), message);
    }
}
