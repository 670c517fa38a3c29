package dev.flows.engine.format;

import dev.flows.api.event.Event;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Writes one event as a CloudEvents 1.0 structured-mode JSON object, attributes in a fixed order:
 * specversion, id, source, type, subject, time, datacontenttype, dataschema, the extensions in their map
 * order, then {@code data} (a JSON value) or {@code data_base64} (when data is a {@code byte[]}). Absent
 * optional attributes and null data are left out. Stateless and thread-safe.
 *
 * <p>The bytes are those Jackson's generator wrote for the same calls before this wrote them itself (see {@link
 * FastJsonWriter}); the differential test keeps that generator version as its reference.
 *
 * <p>Extension names are written as given: the event model does not validate them, and the reader refuses
 * invalid ones, so an event with an invalid extension name encodes but does not decode.
 */
final class EventWriter {

    // Each attribute's name pre-encoded with its quotes and colon, and with the comma of every member but the first.
    private static final byte[] SPECVERSION = member("", "specversion");
    private static final byte[] ID = member(",", "id");
    private static final byte[] SOURCE = member(",", "source");
    private static final byte[] TYPE = member(",", "type");
    private static final byte[] SUBJECT = member(",", "subject");
    private static final byte[] TIME = member(",", "time");
    private static final byte[] DATACONTENTTYPE = member(",", "datacontenttype");
    private static final byte[] DATASCHEMA = member(",", "dataschema");
    private static final byte[] DATA = member(",", "data");
    private static final byte[] DATA_BASE64 = member(",", "data_base64");

    private EventWriter() {}

    static void write(Event event, FastJsonWriter out) {
        out.startObject();
        out.member(SPECVERSION, event.specVersion());
        string(ID, event.id(), out);
        string(SOURCE, event.source(), out);
        string(TYPE, event.type(), out);
        string(SUBJECT, event.subject(), out);
        if (event.time() != null) {
            out.raw(TIME);
            out.time(event.time());
        }
        string(DATACONTENTTYPE, event.dataContentType(), out);
        string(DATASCHEMA, event.dataSchema(), out);
        for (Map.Entry<String, Object> extension : event.extensions().entrySet()) {
            out.append(',');
            out.name(extension.getKey());
            JsonValues.write(extension.getValue(), out);
        }
        Object data = event.data();
        if (data instanceof byte[] bytes) {
            out.raw(DATA_BASE64);
            out.binary(bytes);
        } else if (data != null) {
            out.raw(DATA);
            JsonValues.write(data, out);
        }
        out.endObject();
    }

    private static void string(byte[] member, String value, FastJsonWriter out) {
        if (value != null) {
            out.member(member, value);
        }
    }

    private static byte[] member(String before, String name) {
        return (before + '"' + name + "\":").getBytes(StandardCharsets.US_ASCII);
    }
}
