package dev.flows.engine.runtime;

import dev.flows.api.event.Event;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes a computed value into an event at a field path, copying only what lies on the path: events are
 * immutable and may be shared by several emissions. Paths are validated when the flow file is loaded, so
 * here they are known to be {@code data.<a>[.<b>...]}, {@code subject}, {@code type} or an extension name.
 */
final class EventFields {

    private static final String DATA_PREFIX = "data.";

    private EventFields() {}

    static Event set(Event event, String path, Object value) {
        if (path.startsWith(DATA_PREFIX)) {
            return event.withData(setIn(event.data(), path.substring(DATA_PREFIX.length()), value));
        }
        return switch (path) {
            case "subject" ->
                new Event(
                        event.id(),
                        event.source(),
                        event.type(),
                        event.specVersion(),
                        text(value),
                        event.time(),
                        event.dataContentType(),
                        event.dataSchema(),
                        event.extensions(),
                        event.data());
            case "type" ->
                new Event(
                        event.id(),
                        event.source(),
                        text(value),
                        event.specVersion(),
                        event.subject(),
                        event.time(),
                        event.dataContentType(),
                        event.dataSchema(),
                        event.extensions(),
                        event.data());
            default -> {
                Map<String, Object> extensions = new LinkedHashMap<>(event.extensions());
                extensions.put(path, value);
                yield event.withExtensions(extensions);
            }
        };
    }

    /** Returns a copy of {@code data} (a map, or a new one if it is not a map) with the dotted path set. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> setIn(Object data, String path, Object value) {
        Map<String, Object> copy =
                data instanceof Map<?, ?> map ? new LinkedHashMap<>((Map<String, Object>) map) : new LinkedHashMap<>();
        int dot = path.indexOf('.');
        if (dot < 0) {
            copy.put(path, value);
        } else {
            String head = path.substring(0, dot);
            copy.put(head, setIn(copy.get(head), path.substring(dot + 1), value));
        }
        return copy;
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
