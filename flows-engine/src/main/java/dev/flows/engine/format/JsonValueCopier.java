package dev.flows.engine.format;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.exc.StreamReadException;

/**
 * Copies one JSON value from a parser to a writer as it reads it, with the checks and the output of reading
 * it into plain values ({@link JsonValueReader}) and writing those ({@link JsonValues}): the same refusals
 * (duplicate keys, nesting deeper than {@link StrictJson#MAX_DEPTH}, numbers beyond the range of a double,
 * with the same pointers and messages) and the same bytes (integers within the long range as integers, other
 * numbers as doubles, strings re-escaped), without building the maps and lists in between. Ingest uses it:
 * there an event's data is only checked and stored. Stateless and thread-safe.
 */
final class JsonValueCopier {

    /** Up to this many keys, an object's keys are checked for repeats by a scan; beyond it, by a hash set. */
    private static final int SCANNED_KEYS = 16;

    private JsonValueCopier() {}

    /** Copies the value whose first token is the parser's current token; leaves the parser on its last token. */
    static EncodedJson copy(JsonParser parser) {
        FastJsonWriter out = FastJsonWriter.acquire();
        try {
            copy(parser, 0, out);
            return new EncodedJson(out.toByteArray());
        } finally {
            out.release();
        }
    }

    private static void copy(JsonParser parser, int depth, FastJsonWriter out) {
        JsonToken token = parser.currentToken();
        if (token == null) {
            throw new StreamReadException(parser, "Unexpected end-of-input: expected a JSON value");
        }
        switch (token) {
            case START_OBJECT -> copyObject(parser, depth + 1, out);
            case START_ARRAY -> copyArray(parser, depth + 1, out);
            case VALUE_STRING -> out.string(parser.getString());
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> copyNumber(parser, out);
            case VALUE_TRUE -> out.bool(true);
            case VALUE_FALSE -> out.bool(false);
            case VALUE_NULL -> out.nullValue();
            default -> throw new StreamReadException(parser, "Unexpected token " + token + ": expected a JSON value");
        }
    }

    private static void copyNumber(JsonParser parser, FastJsonWriter out) {
        if (parser.currentToken() == JsonToken.VALUE_NUMBER_INT) {
            JsonParser.NumberType type = parser.getNumberType();
            if (type == JsonParser.NumberType.INT || type == JsonParser.NumberType.LONG) {
                out.number(parser.getLongValue());
                return;
            }
        }
        out.number(JsonValueReader.finiteDouble(parser));
    }

    private static void copyObject(JsonParser parser, int depth, FastJsonWriter out) {
        JsonValueReader.checkDepth(parser, depth);
        out.startObject();
        List<String> scanned = null;
        Set<String> hashed = null;
        while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
            String key = parser.currentName();
            if (scanned == null) {
                scanned = new ArrayList<>(SCANNED_KEYS);
            } else {
                out.append(',');
            }
            boolean repeated;
            if (hashed != null) {
                repeated = !hashed.add(key);
            } else if (scanned.size() < SCANNED_KEYS) {
                repeated = scanned.contains(key);
                scanned.add(key);
            } else {
                hashed = new HashSet<>(scanned);
                repeated = !hashed.add(key);
            }
            out.name(key);
            parser.nextToken();
            copy(parser, depth, out);
            // After the value, as JsonValueReader does: a problem inside the value is reported first.
            if (repeated) {
                throw JsonValueReader.duplicateKey(parser, key);
            }
        }
        out.endObject();
    }

    private static void copyArray(JsonParser parser, int depth, FastJsonWriter out) {
        JsonValueReader.checkDepth(parser, depth);
        out.startArray();
        boolean first = true;
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            if (!first) {
                out.append(',');
            }
            first = false;
            copy(parser, depth, out);
        }
        out.endArray();
    }
}
