package dev.flows.engine.format;

import dev.flows.api.error.InvalidEventException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.ObjectReadContext;

/**
 * A codec for plain JSON-like Java values, the form table rows, event data and API responses take in
 * Flows. Stateless and thread-safe.
 *
 * <p>Decoding maps objects to {@code LinkedHashMap<String, Object>} (key order kept), arrays to {@code
 * ArrayList<Object>}, strings to String, true/false to Boolean, null to null, integers within the long
 * range to Long and every other number to Double: integers beyond the long range become Doubles (losing
 * digits past the 17th) instead of BigInteger, so that consumers meet only Long and Double. Numbers beyond
 * the double range, duplicate keys and nesting deeper than 64 objects and arrays are refused.
 *
 * <p>Encoding accepts those types and also Integer, Short, Byte, Float, BigInteger, BigDecimal, any Map
 * (keys written with {@code String.valueOf}), any Collection, Object arrays and {@code byte[]} (written as
 * a base64 string). Doubles keep their decimal point ({@code 12.0}), so a Double stays a Double across a
 * round trip; NaN and the infinities, which JSON cannot hold, are written as the strings {@code "NaN"},
 * {@code "Infinity"} and {@code "-Infinity"}. Enums are written by name and any other object by {@code
 * toString()} (so an Instant becomes its ISO-8601 text): encoding never fails for lack of a mapping.
 */
public final class JsonValues {

    private JsonValues() {}

    /**
     * Encodes a value as UTF-8 JSON: the same bytes as {@link #write(Object, JsonGenerator)} gives to a generator
     * of its own, written without one.
     *
     * @throws tools.jackson.core.exc.StreamConstraintsException if objects and arrays nest deeper than 500
     */
    public static byte[] encode(Object value) {
        FastJsonWriter out = FastJsonWriter.acquire();
        try {
            write(value, out);
            return out.toByteArray();
        } finally {
            out.release();
        }
    }

    /**
     * Decodes one JSON value.
     *
     * @throws IllegalArgumentException if the bytes are not exactly one JSON value within the limits above;
     *     the message gives the line and column or the JSON Pointer of the problem
     */
    public static Object decode(byte[] json) {
        Objects.requireNonNull(json, "json");
        try (JsonParser parser = StrictJson.FACTORY.createParser(ObjectReadContext.empty(), json)) {
            if (parser.nextToken() == null) {
                throw new IllegalArgumentException(
                        "JSON value is empty (0 bytes or only whitespace); pass one complete JSON value, e.g. {}");
            }
            Object value = JsonValueReader.read(parser, 0);
            if (parser.nextToken() != null) {
                throw new IllegalArgumentException("malformed JSON at line "
                        + parser.currentTokenLocation().getLineNr() + ", column "
                        + parser.currentTokenLocation().getColumnNr()
                        + ": more content after the end of the value; pass one complete JSON value");
            }
            return value;
        } catch (JacksonException e) {
            throw new IllegalArgumentException(StrictJson.malformed(e) + "; pass one complete JSON value", e);
        } catch (InvalidEventException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** Writes a value as the next JSON value of a generator, mapping it as {@link #encode} does. */
    public static void write(Object value, JsonGenerator generator) {
        // write(Object, FastJsonWriter) maps values the same way, case for case, for encode(): a change here goes
        // there too, and FastJsonWriterDifferentialTest compares the two.
        switch (value) {
            case null -> generator.writeNull();
            case String string -> generator.writeString(string);
            case Boolean bool -> generator.writeBoolean(bool);
            case Long number -> generator.writeNumber(number.longValue());
            case Integer number -> generator.writeNumber(number.intValue());
            case Double number -> generator.writeNumber(number.doubleValue());
            case Map<?, ?> object -> writeObject(object, generator);
            case Collection<?> array -> writeArray(array, generator);
            case byte[] bytes -> generator.writeBinary(bytes);
            case EncodedJson encoded -> generator.writeRawValue(encoded.toString());
            case Short number -> generator.writeNumber(number.shortValue());
            case Byte number -> generator.writeNumber(number.byteValue());
            case Float number -> generator.writeNumber(number.floatValue());
            case BigInteger number -> generator.writeNumber(number);
            case BigDecimal number -> generator.writeNumber(number);
            case Number number -> generator.writeNumber(number.doubleValue());
            case Object[] array -> writeArray(Arrays.asList(array), generator);
            case Enum<?> constant -> generator.writeString(constant.name());
            default -> generator.writeString(value.toString());
        }
    }

    private static void writeObject(Map<?, ?> object, JsonGenerator generator) {
        generator.writeStartObject();
        for (Map.Entry<?, ?> entry : object.entrySet()) {
            generator.writeName(String.valueOf(entry.getKey()));
            write(entry.getValue(), generator);
        }
        generator.writeEndObject();
    }

    private static void writeArray(Collection<?> array, JsonGenerator generator) {
        generator.writeStartArray();
        for (Object element : array) {
            write(element, generator);
        }
        generator.writeEndArray();
    }

    /** Writes a value as {@link #write(Object, JsonGenerator)} does, case for case. */
    static void write(Object value, FastJsonWriter out) {
        switch (value) {
            case null -> out.nullValue();
            case String string -> out.string(string);
            case Boolean bool -> out.bool(bool);
            case Long number -> out.number(number.longValue());
            case Integer number -> out.number(number.intValue());
            case Double number -> out.number(number.doubleValue());
            case Map<?, ?> object -> writeObject(object, out);
            case Collection<?> array -> writeArray(array, out);
            case byte[] bytes -> out.binary(bytes);
            case EncodedJson encoded -> out.raw(encoded.bytes());
            case Short number -> out.number(number.shortValue());
            case Byte number -> out.number(number.byteValue());
            case Float number -> out.number(number.floatValue());
            case BigInteger number -> out.ascii(number.toString());
            case BigDecimal number -> out.ascii(number.toString());
            case Number number -> out.number(number.doubleValue());
            case Object[] array -> writeArray(Arrays.asList(array), out);
            case Enum<?> constant -> out.string(constant.name());
            default -> out.string(value.toString());
        }
    }

    private static void writeObject(Map<?, ?> object, FastJsonWriter out) {
        out.startObject();
        boolean first = true;
        for (Map.Entry<?, ?> entry : object.entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            // Keys are Strings but for odd maps: a type check spares the virtual toString() call of valueOf.
            out.name(entry.getKey() instanceof String key ? key : String.valueOf(entry.getKey()));
            write(entry.getValue(), out);
        }
        out.endObject();
    }

    private static void writeArray(Collection<?> array, FastJsonWriter out) {
        out.startArray();
        boolean first = true;
        for (Object element : array) {
            if (!first) {
                out.append(',');
            }
            first = false;
            write(element, out);
        }
        out.endArray();
    }
}
