package dev.flows.engine.format;

import dev.flows.api.event.Event;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.SerializableString;
import tools.jackson.core.io.SerializedString;

/**
 * The reference the encoders are held to: encoding with Jackson's generator, as {@link JsonEventFormat} and {@link
 * JsonValues} did before {@link FastJsonWriter}, kept as it was (values through {@link JsonValues#write(Object,
 * JsonGenerator)}, times through the former {@code Rfc3339.format}). Stateless and thread-safe.
 */
final class JacksonEncoder {

    private static final SerializableString SPECVERSION = new SerializedString("specversion");
    private static final SerializableString ID = new SerializedString("id");
    private static final SerializableString SOURCE = new SerializedString("source");
    private static final SerializableString TYPE = new SerializedString("type");
    private static final SerializableString SUBJECT = new SerializedString("subject");
    private static final SerializableString TIME = new SerializedString("time");
    private static final SerializableString DATACONTENTTYPE = new SerializedString("datacontenttype");
    private static final SerializableString DATASCHEMA = new SerializedString("dataschema");
    private static final SerializableString DATA = new SerializedString("data");
    private static final SerializableString DATA_BASE64 = new SerializedString("data_base64");

    private JacksonEncoder() {}

    static byte[] encode(Event event) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator generator = StrictJson.FACTORY.createGenerator(ObjectWriteContext.empty(), out)) {
            write(event, generator);
        }
        return out.toByteArray();
    }

    static byte[] encodeBatch(List<Event> events) {
        ByteArrayOutputStream out =
                new ByteArrayOutputStream((int) Math.min(1 << 20, 256L * Math.max(1, events.size())));
        try (JsonGenerator generator = StrictJson.FACTORY.createGenerator(ObjectWriteContext.empty(), out)) {
            generator.writeStartArray();
            for (Event event : events) {
                write(event, generator);
            }
            generator.writeEndArray();
        }
        return out.toByteArray();
    }

    static byte[] encodeValue(Object value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        try (JsonGenerator generator = StrictJson.FACTORY.createGenerator(ObjectWriteContext.empty(), out)) {
            JsonValues.write(value, generator);
        }
        return out.toByteArray();
    }

    private static void write(Event event, JsonGenerator generator) {
        generator.writeStartObject();
        string(SPECVERSION, event.specVersion(), generator);
        string(ID, event.id(), generator);
        string(SOURCE, event.source(), generator);
        string(TYPE, event.type(), generator);
        string(SUBJECT, event.subject(), generator);
        if (event.time() != null) {
            string(TIME, rfc3339(event.time()), generator);
        }
        string(DATACONTENTTYPE, event.dataContentType(), generator);
        string(DATASCHEMA, event.dataSchema(), generator);
        for (Map.Entry<String, Object> extension : event.extensions().entrySet()) {
            generator.writeName(extension.getKey());
            JsonValues.write(extension.getValue(), generator);
        }
        Object data = event.data();
        if (data instanceof byte[] bytes) {
            generator.writeName(DATA_BASE64);
            generator.writeBinary(bytes);
        } else if (data != null) {
            generator.writeName(DATA);
            JsonValues.write(data, generator);
        }
        generator.writeEndObject();
    }

    private static void string(SerializableString name, String value, JsonGenerator generator) {
        if (value != null) {
            generator.writeName(name);
            generator.writeString(value);
        }
    }

    /** {@code Rfc3339.format} as it was, on java.time's LocalDate and a char array. */
    private static String rfc3339(Instant instant) {
        long epochSecond = instant.getEpochSecond();
        LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(epochSecond, 86_400));
        int year = date.getYear();
        if (year < 0 || year > 9999) {
            return DateTimeFormatter.ISO_INSTANT.format(instant);
        }
        int secondOfDay = Math.floorMod(epochSecond, 86_400);
        char[] chars = new char[30];
        put(chars, 0, year, 4);
        chars[4] = '-';
        put(chars, 5, date.getMonthValue(), 2);
        chars[7] = '-';
        put(chars, 8, date.getDayOfMonth(), 2);
        chars[10] = 'T';
        put(chars, 11, secondOfDay / 3600, 2);
        chars[13] = ':';
        put(chars, 14, secondOfDay / 60 % 60, 2);
        chars[16] = ':';
        put(chars, 17, secondOfDay % 60, 2);
        int length = 19;
        int nano = instant.getNano();
        if (nano != 0) {
            chars[length++] = '.';
            if (nano % 1_000_000 == 0) {
                put(chars, length, nano / 1_000_000, 3);
                length += 3;
            } else if (nano % 1_000 == 0) {
                put(chars, length, nano / 1_000, 6);
                length += 6;
            } else {
                put(chars, length, nano, 9);
                length += 9;
            }
        }
        chars[length++] = 'Z';
        return new String(chars, 0, length);
    }

    private static void put(char[] chars, int start, int value, int count) {
        for (int i = start + count - 1; i >= start; i--) {
            chars[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }
}
