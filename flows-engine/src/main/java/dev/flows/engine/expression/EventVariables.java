package dev.flows.engine.expression;

import dev.flows.api.event.Event;
import java.util.AbstractMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The variables an expression sees for one event, named as the CloudEvents attributes are:
 *
 * <ul>
 *   <li>{@code id}, {@code source}, {@code type}, {@code specversion}, {@code subject}, {@code
 *       datacontenttype}, {@code dataschema}: strings, {@code ""} when the event has none;
 *   <li>{@code time}: a CEL timestamp, or {@code null} when the event has no time;
 *   <li>{@code data}: the payload as JSON (maps, lists, strings, ints, doubles, bools, null), or bytes;
 *   <li>{@code extensions}: a map from extension name to value.
 * </ul>
 *
 * <p>Binding is cheap: nothing is copied; the payload is wrapped in views that present values the way CEL
 * wants them (ints as {@code Long}, JSON null as CEL null) only when an expression reads them. The maps
 * returned are immutable, hold values prepared for CEL, and are meant for {@link CompiledExpression#evaluate}
 * and {@link CompiledExpression#test}. Thread-safe; the event's data must not change while they are in use.
 */
public final class EventVariables {

    /** The event's id. */
    public static final String ID = "id";
    /** The event's source. */
    public static final String SOURCE = "source";
    /** The event's type. */
    public static final String TYPE = "type";
    /** The CloudEvents spec version. */
    public static final String SPEC_VERSION = "specversion";
    /** The event's subject, or "". */
    public static final String SUBJECT = "subject";
    /** The event's time as a timestamp, or null. */
    public static final String TIME = "time";
    /** The media type of the data, or "". */
    public static final String DATA_CONTENT_TYPE = "datacontenttype";
    /** The URI of the data's schema, or "". */
    public static final String DATA_SCHEMA = "dataschema";
    /** The payload. */
    public static final String DATA = "data";
    /** The extension attributes. */
    public static final String EXTENSIONS = "extensions";

    /** Every variable {@link #of} binds, in the order error messages list them. */
    public static final List<String> NAMES =
            List.of(ID, SOURCE, TYPE, SPEC_VERSION, SUBJECT, TIME, DATA_CONTENT_TYPE, DATA_SCHEMA, DATA, EXTENSIONS);

    private EventVariables() {}

    /**
     * Binds the variables for one event.
     *
     * @param event not null
     * @return an immutable map from each of {@link #NAMES} to its value
     */
    public static Map<String, Object> of(Event event) {
        return new DecodedEventVariables(event);
    }

    /**
     * Binds the variables for one event still in its structured-mode JSON bytes, lazily: the bytes are scanned
     * once and a value is converted only when an expression reads it. The values are those {@code
     * of(JsonEventFormat.decode(bytes))} would give. On the hot path, reuse one {@link RawEventVariables} per
     * thread and {@link RawEventVariables#reset reset} it per event instead: this method allocates one.
     *
     * @return variables confined to the calling thread, valid while the buffer does not change
     * @throws dev.flows.api.error.InvalidEventException if the bytes are not a valid event, with the byte offset
     *     of the problem
     */
    public static RawEventVariables ofJson(byte[] buffer, int offset, int length) {
        return new RawEventVariables().reset(buffer, offset, length);
    }

    /**
     * The variables of {@code base} plus one more, such as {@code row} for a table update. Copies nothing.
     *
     * @param base  variables from {@link #of} (or from an earlier call of this method)
     * @param name  the extra variable, declared when the expression was compiled
     * @param value a plain JSON-like Java value; null binds CEL's null
     * @return an immutable map; {@code name} hides a variable of the same name in {@code base}
     */
    public static Map<String, Object> with(Map<String, Object> base, String name, Object value) {
        return new WithVariable(base, name, CelInput.of(value));
    }

    /**
     * The lazy event variables behind {@code variables} (directly, or under variables added by {@link #with}
     * that hide no event variable), or null: compiled expressions then read the event from its bytes.
     */
    static RawEventVariables raw(Map<String, Object> variables) {
        Map<String, Object> current = variables;
        while (current instanceof WithVariable with) {
            if (with.hidesEventVariable) {
                return null;
            }
            current = with.base;
        }
        return current instanceof RawEventVariables raw ? raw : null;
    }

    /** {@code base} and one more variable, without copying {@code base}. */
    private static final class WithVariable extends AbstractMap<String, Object> {

        private final Map<String, Object> base;
        private final String name;
        private final Object value;
        private final boolean hidesEventVariable;

        WithVariable(Map<String, Object> base, String name, Object value) {
            this.base = base;
            this.name = name;
            this.value = value;
            this.hidesEventVariable = NAMES.contains(name);
        }

        @Override
        public Object get(Object key) {
            return name.equals(key) ? value : base.get(key);
        }

        @Override
        public boolean containsKey(Object key) {
            return name.equals(key) || base.containsKey(key);
        }

        @Override
        public Set<Entry<String, Object>> entrySet() {
            return Stream.concat(
                            base.entrySet().stream().filter(entry -> !name.equals(entry.getKey())),
                            Stream.of(new SimpleImmutableEntry<>(name, value)))
                    .collect(Collectors.toUnmodifiableSet());
        }
    }
}
