package dev.flows.engine.format;

import dev.flows.api.error.InvalidEventException;
import dev.flows.api.event.Event;
import dev.flows.api.event.EventFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.TokenStreamLocation;

/**
 * The CloudEvents 1.0 JSON format: structured mode ({@value #MEDIA_TYPE}) for one event and batch mode
 * ({@value #BATCH_MEDIA_TYPE}) for a JSON array of events. Decodes with Jackson's streaming parser and encodes
 * with a writer of its own that gives the bytes Jackson's generator gave, building no tree either way. Stateless and
 * thread-safe.
 *
 * <p>Encoding writes {@code specversion, id, source, type}, then the optional {@code subject}, {@code time}
 * (RFC 3339 in UTC with the instant's precision), {@code datacontenttype} and {@code dataschema}, the
 * extensions as top-level attributes, then {@code data} as a JSON value, or {@code data_base64} when data
 * is a {@code byte[]}. Values map to JSON as {@link JsonValues} describes.
 *
 * <p>Decoding is strict and stops at the first problem with an {@link InvalidEventException} whose pointer
 * names the offending value ({@code /type}, {@code /3/time}, {@code /data/items/0}) or is "" for the whole
 * body, and whose message says what is wrong and how to fix it. Refused: malformed JSON, a body that is not
 * one object, duplicate keys, a {@code specversion} other than "1.0", a missing or empty {@code id},
 * {@code source} or {@code type}, non-string or empty {@code subject}, {@code datacontenttype} and {@code
 * dataschema}, a {@code time} that is not RFC 3339, extension names outside {@code [a-z0-9]{1,20}}, extension
 * values that are not a string, number or boolean, both {@code data} and {@code data_base64}, invalid
 * base64, {@code data} nested deeper than {@value #MAX_DATA_DEPTH} objects and arrays, and numbers beyond
 * the double range. Data decodes as {@link JsonValues#decode} does: integers to Long (Double beyond the long
 * range), other numbers to Double, objects to LinkedHashMap, arrays to ArrayList.
 */
public final class JsonEventFormat implements EventFormat {

    /** The media type of one event in structured mode. */
    public static final String MEDIA_TYPE = "application/cloudevents+json";

    /** The media type of a batch: a JSON array of structured-mode events. */
    public static final String BATCH_MEDIA_TYPE = "application/cloudevents-batch+json";

    /** How deeply objects and arrays may nest inside {@code data}. */
    public static final int MAX_DATA_DEPTH = StrictJson.MAX_DEPTH;

    private static final String ONE_EVENT = "; send one JSON object per event";
    private static final String A_BATCH = "; send a batch as one JSON array of event objects";

    @Override
    public String mediaType() {
        return MEDIA_TYPE;
    }

    /**
     * Encodes one event in structured mode, {@value #MEDIA_TYPE}.
     *
     * @throws tools.jackson.core.exc.StreamConstraintsException if objects and arrays in data or an extension nest
     *     deeper than 500 (counting the event object), which Jackson's generator refused before this wrote JSON
     *     itself
     * @throws java.time.DateTimeException if the time is beyond the range of LocalDate (as {@code Instant.MAX} is)
     */
    @Override
    public byte[] encode(Event event) {
        FastJsonWriter out = FastJsonWriter.acquire();
        try {
            EventWriter.write(event, out);
            return out.toByteArray();
        } finally {
            out.release();
        }
    }

    /** Encodes events as a batch: a JSON array of structured-mode events, {@value #BATCH_MEDIA_TYPE}. */
    public byte[] encodeBatch(List<Event> events) {
        FastJsonWriter out = FastJsonWriter.acquire();
        try {
            out.startArray();
            boolean first = true;
            for (Event event : events) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                EventWriter.write(event, out);
            }
            out.endArray();
            return out.toByteArray();
        } finally {
            out.release();
        }
    }

    /**
     * Decodes one structured-mode event.
     *
     * @throws InvalidEventException if the bytes are not one valid event; see the class description
     */
    @Override
    public Event decode(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        return decode(bytes, 0, bytes.length);
    }

    /**
     * Decodes one structured-mode event from {@code bytes[offset, offset + length)}, such as one line of a
     * buffer holding many, without copying it out.
     *
     * @throws InvalidEventException if the bytes are not one valid event; see the class description
     * @throws IndexOutOfBoundsException if the range is outside the array
     */
    public Event decode(byte[] bytes, int offset, int length) {
        return decode(bytes, offset, length, false);
    }

    /**
     * Decodes one structured-mode event as {@link #decode(byte[])} does, checking the same and refusing the same,
     * with its JSON {@code data} as {@link EncodedJson}: the bytes {@link #encode} writes for that data, without
     * the maps and lists between. For ingest, where data is checked and stored but not read: encoding the event
     * gives the bytes decoding and encoding would have given.
     *
     * <p>Reads the body in place first ({@link RawEvent}: 1.7 times the events per second of reading it with
     * Jackson's parser, in JsonEventFormatBenchmark); a body that
     * reading refuses, or cannot read (not UTF-8, an object in data with very many members), is read again with
     * Jackson, so the refusal and its message (line, column, pointer) are the ones {@link #decode} gives.
     *
     * @throws InvalidEventException if the bytes are not one valid event
     */
    public Event decodeForStorage(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        try {
            return new RawBodyReader().event(bytes);
        } catch (InvalidEventException refused) {
            return decode(bytes, 0, bytes.length, true);
        }
    }

    private Event decode(byte[] bytes, int offset, int length, boolean encodeData) {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        try (JsonParser parser = StrictJson.FACTORY.createParser(ObjectReadContext.empty(), bytes, offset, length)) {
            JsonToken first = parser.nextToken();
            if (first != JsonToken.START_OBJECT) {
                throw new InvalidEventException(
                        "",
                        "event body is " + kind(first) + ", not a JSON object; send one CloudEvent as a JSON"
                                + " object, e.g. {\"specversion\": \"1.0\", \"id\": \"order-1001\", \"source\":"
                                + " \"/shop\", \"type\": \"shop.order.placed\"}, or an array of them as "
                                + BATCH_MEDIA_TYPE);
            }
            Event event = encodeData ? EventReader.readEncodingData(parser, "", "") : EventReader.read(parser, "", "");
            requireEnd(parser, "the event", ONE_EVENT);
            return event;
        } catch (JacksonException e) {
            throw new InvalidEventException("", StrictJson.malformed(e) + ONE_EVENT);
        }
    }

    /**
     * Decodes a batch, all or nothing: every element is validated, and the first invalid one fails the whole
     * batch with a pointer such as {@code /3/type} and a message naming "event 3 of the batch". An empty
     * array gives an empty list.
     *
     * @throws InvalidEventException if the bytes are not a JSON array of valid events
     */
    public List<Event> decodeBatch(byte[] bytes) {
        return decodeBatch(bytes, false);
    }

    /**
     * Decodes a batch as {@link #decodeBatch(byte[])} does, with each event's JSON {@code data} as {@link
     * EncodedJson}, as {@link #decodeForStorage} does for one event.
     *
     * @throws InvalidEventException if the bytes are not a JSON array of valid events
     */
    public List<Event> decodeBatchForStorage(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        try {
            return new RawBodyReader().batch(bytes);
        } catch (InvalidEventException refused) {
            return decodeBatch(bytes, true);
        }
    }

    private List<Event> decodeBatch(byte[] bytes, boolean encodeData) {
        Objects.requireNonNull(bytes, "bytes");
        try (JsonParser parser = StrictJson.FACTORY.createParser(ObjectReadContext.empty(), bytes)) {
            JsonToken first = parser.nextToken();
            if (first != JsonToken.START_ARRAY) {
                throw new InvalidEventException(
                        "",
                        "batch body is " + kind(first) + ", not a JSON array; send " + BATCH_MEDIA_TYPE
                                + " as a JSON array of event objects, e.g. [{\"specversion\": \"1.0\", ...}],"
                                + " or a single event as " + MEDIA_TYPE);
            }
            List<Event> events = new ArrayList<>();
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
                int index = events.size();
                if (token != JsonToken.START_OBJECT) {
                    throw new InvalidEventException(
                            "/" + index,
                            "event " + index + " of the batch is " + kind(token) + ", not a JSON object; every"
                                    + " element of a batch must be a CloudEvent object");
                }
                String prefix = "event " + index + " of the batch: ";
                events.add(
                        encodeData
                                ? EventReader.readEncodingData(parser, "/" + index, prefix)
                                : EventReader.read(parser, "/" + index, prefix));
            }
            requireEnd(parser, "the batch array", A_BATCH);
            return events;
        } catch (JacksonException e) {
            throw new InvalidEventException("", StrictJson.malformed(e) + A_BATCH);
        }
    }

    private static void requireEnd(JsonParser parser, String what, String advice) {
        if (parser.nextToken() != null) {
            TokenStreamLocation where = parser.currentTokenLocation();
            throw new InvalidEventException(
                    "",
                    "malformed JSON at line " + where.getLineNr() + ", column " + where.getColumnNr()
                            + ": more content after the end of " + what + advice);
        }
    }

    private static String kind(JsonToken token) {
        if (token == null) {
            return "empty";
        }
        return switch (token) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> token.toString();
        };
    }
}
