package dev.flows.engine.runtime;

import dev.flows.api.event.Event;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a computed value into an event at a field path, copying only what lies on the path: events are
 * immutable and may be shared by several emissions. Paths are validated when the flow file is loaded, so
 * here they are known to be {@code data.<a>[.<b>...]}, {@code subject}, {@code type} or an extension name.
 * Public for the workflow runtime, whose emit steps write their fields the same way.
 */
public final class EventFields {

    private static final String DATA_PREFIX = "data.";

    private EventFields() {}

    /** A copy of {@code event} with {@code value} at {@code path}; {@code event} is left as it is. Stateless. */
    public static Event set(Event event, String path, Object value) {
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

    /**
     * Writes a value at a path of an event whose data and extensions are private to the caller, changing its
     * maps in place; returns the event, or a new one when an attribute or the data itself is replaced.
     */
    @SuppressWarnings("unchecked")
    static Event setInPlace(Event event, String path, Object value) {
        if (path.startsWith(DATA_PREFIX)) {
            if (!(event.data() instanceof Map<?, ?>)) {
                return event.withData(setIn(event.data(), path.substring(DATA_PREFIX.length()), value));
            }
            if (!(event.data() instanceof LinkedHashMap<?, ?>)) {
                event = event.withData(new LinkedHashMap<>((Map<String, Object>) event.data()));
            }
            Map<String, Object> map = (Map<String, Object>) event.data();
            String rest = path.substring(DATA_PREFIX.length());
            int dot;
            while ((dot = rest.indexOf('.')) >= 0) {
                map = writableChild(map, rest.substring(0, dot));
                rest = rest.substring(dot + 1);
            }
            map.put(rest, value);
            return event;
        }
        return set(event, path, value);
    }

    /** Removes the field at a path of an event whose data and extensions are private to the caller. */
    @SuppressWarnings("unchecked")
    static Event removeInPlace(Event event, String path) {
        if (!path.startsWith(DATA_PREFIX)) {
            return remove(event, path);
        }
        if (!(event.data() instanceof Map<?, ?> data) || !pathExists(data, path.substring(DATA_PREFIX.length()))) {
            return event;
        }
        if (!(data instanceof LinkedHashMap<?, ?>)) {
            event = event.withData(new LinkedHashMap<>((Map<String, Object>) data));
        }
        Map<String, Object> map = (Map<String, Object>) event.data();
        String rest = path.substring(DATA_PREFIX.length());
        int dot;
        while ((dot = rest.indexOf('.')) >= 0) {
            map = writableChild(map, rest.substring(0, dot));
            rest = rest.substring(dot + 1);
        }
        map.remove(rest);
        return event;
    }

    /**
     * The map under {@code key}, made a {@link LinkedHashMap} of the caller's if it is absent, not a map, or a
     * map of another kind (which may be read-only or shared, as values computed by CEL can be).
     */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> writableChild(Map<String, Object> map, String key) {
        Object child = map.get(key);
        if (child instanceof LinkedHashMap<?, ?> writable) {
            return (Map<String, Object>) writable;
        }
        Map<String, Object> copy = child instanceof Map<?, ?> other
                ? new LinkedHashMap<>((Map<String, Object>) other)
                : new LinkedHashMap<>();
        map.put(key, copy);
        return copy;
    }

    private static boolean pathExists(Map<?, ?> data, String path) {
        Object at = data;
        int from = 0;
        while (true) {
            int dot = path.indexOf('.', from);
            String part = dot < 0 ? path.substring(from) : path.substring(from, dot);
            if (!(at instanceof Map<?, ?> map) || !map.containsKey(part)) {
                return false;
            }
            if (dot < 0) {
                return true;
            }
            at = map.get(part);
            from = dot + 1;
        }
    }

    /** A copy of the event whose data maps and lists, at any depth, and extensions are new. */
    static Event deepCopy(Event event) {
        return event.withData(copy(event.data())).withExtensions(new LinkedHashMap<>(event.extensions()));
    }

    private static Object copy(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>(Math.max(4, map.size() * 2));
            map.forEach((k, v) -> copy.put((String) k, copy(v)));
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(v -> copy.add(copy(v)));
            return copy;
        }
        return value;
    }

    /** The event without the field at {@code path} ({@code data.a.b} or an extension name); unchanged if absent. */
    static Event remove(Event event, String path) {
        if (path.startsWith(DATA_PREFIX)) {
            if (!(event.data() instanceof Map<?, ?>)) {
                return event;
            }
            return event.withData(removeIn(event.data(), path.substring(DATA_PREFIX.length())));
        }
        if (!event.extensions().containsKey(path)) {
            return event;
        }
        Map<String, Object> extensions = new LinkedHashMap<>(event.extensions());
        extensions.remove(path);
        return event.withExtensions(extensions);
    }

    /** A copy of the event with another id and data, for the parts of a split event. */
    static Event withIdAndData(Event event, String id, Object data) {
        return new Event(
                id,
                event.source(),
                event.type(),
                event.specVersion(),
                event.subject(),
                event.time(),
                event.dataContentType(),
                event.dataSchema(),
                event.extensions(),
                data);
    }

    @SuppressWarnings("unchecked")
    private static Object removeIn(Object data, String path) {
        if (!(data instanceof Map<?, ?> map)) {
            return data;
        }
        Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) map);
        int dot = path.indexOf('.');
        if (dot < 0) {
            copy.remove(path);
        } else {
            String head = path.substring(0, dot);
            if (copy.containsKey(head)) {
                copy.put(head, removeIn(copy.get(head), path.substring(dot + 1)));
            }
        }
        return copy;
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
