package dev.flows.workflow.decision;

import dev.flows.api.event.Event;
import dev.flows.engine.format.JsonEventFormat;
import dev.flows.engine.format.JsonValues;
import java.util.Map;

/** CloudEvents as plain JSON maps inside history records and snapshots, and back. Stateless, thread-safe. */
public final class EventJson {

    private static final JsonEventFormat FORMAT = new JsonEventFormat();

    private EventJson() {}

    /** The event as its structured-mode JSON object. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> toMap(Event event) {
        return (Map<String, Object>) JsonValues.decode(FORMAT.encode(event));
    }

    /**
     * The event a map from {@link #toMap} holds.
     *
     * @throws dev.flows.api.error.InvalidEventException if it is not a valid event
     */
    public static Event fromMap(Object map) {
        return FORMAT.decode(JsonValues.encode(map));
    }

    /** The event's structured-mode JSON bytes. */
    public static byte[] encode(Event event) {
        return FORMAT.encode(event);
    }

    /** The event of structured-mode JSON bytes. */
    public static Event decode(byte[] bytes) {
        return FORMAT.decode(bytes);
    }
}
