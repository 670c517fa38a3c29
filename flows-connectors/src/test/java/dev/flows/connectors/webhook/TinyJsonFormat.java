package dev.flows.connectors.webhook;

import dev.flows.api.event.Event;
import dev.flows.api.event.EventFormat;
import java.nio.charset.StandardCharsets;

/** A test format that writes an event's id, type and data as a tiny JSON object, by hand. Encode only. */
record TinyJsonFormat() implements EventFormat {

    static final String MEDIA_TYPE = "application/cloudevents+json";

    @Override
    public String mediaType() {
        return MEDIA_TYPE;
    }

    @Override
    public byte[] encode(Event event) {
        String json =
                "{\"id\":\"" + event.id() + "\",\"type\":\"" + event.type() + "\",\"data\":\"" + event.data() + "\"}";
        return json.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public Event decode(byte[] bytes) {
        throw new UnsupportedOperationException("TinyJsonFormat only encodes; the webhook sink never decodes");
    }
}
