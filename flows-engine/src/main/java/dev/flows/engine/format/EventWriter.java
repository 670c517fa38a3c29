package dev.flows.engine.format;

import dev.flows.api.event.Event;
import java.util.Map;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.SerializableString;
import tools.jackson.core.io.SerializedString;

/**
 * Writes one event as a CloudEvents 1.0 structured-mode JSON object, attributes in a fixed order:
 * specversion, id, source, type, subject, time, datacontenttype, dataschema, the extensions in their map
 * order, then {@code data} (a JSON value) or {@code data_base64} (when data is a {@code byte[]}). Absent
 * optional attributes and null data are left out. Stateless and thread-safe.
 *
 * <p>Extension names are written as given: the event model does not validate them, and the reader refuses
 * invalid ones, so an event with an invalid extension name encodes but does not decode.
 */
final class EventWriter {

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

    private EventWriter() {}

    static void write(Event event, JsonGenerator generator) {
        generator.writeStartObject();
        string(SPECVERSION, event.specVersion(), generator);
        string(ID, event.id(), generator);
        string(SOURCE, event.source(), generator);
        string(TYPE, event.type(), generator);
        string(SUBJECT, event.subject(), generator);
        if (event.time() != null) {
            string(TIME, Rfc3339.format(event.time()), generator);
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
}
