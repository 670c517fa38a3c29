package dev.flows.engine.expression;

import dev.cel.common.values.NullValue;
import dev.flows.api.event.Event;
import dev.flows.engine.format.RawEvent;

/**
 * The variables of {@link EventVariables#of} for an event still in its JSON bytes, read lazily: {@link #reset}
 * makes one pass over the bytes (a {@link RawEvent}), and a value is converted only when an expression reads
 * it, then cached until the next reset. Expressions compiled by {@link CelCompiler} recognise this map and go
 * further: they compare {@code type == "shop.order.placed"} on the bytes, and read {@code data.price} by
 * finding that one member, without converting {@code data}.
 *
 * <p>For a valid event the map holds exactly the values {@code EventVariables.of(JsonEventFormat.decode(bytes))}
 * holds. For an invalid one, {@link #reset} fails with an {@link dev.flows.api.error.InvalidEventException}
 * giving the byte offset, or, for the few checks that need a value converted (see {@link RawEvent}), reading
 * that value does.
 *
 * <p>Not thread-safe, and meant to be reused: keep one per thread (a flow task), reset it per event. Its
 * content changes at each reset, so do not keep it beyond the event; values read from it are copies and stay
 * valid. The buffer must not change while the event is read.
 */
public final class RawEventVariables extends SlotVariables {

    // Slots in the order of EventVariables.NAMES, so that compiled expressions resolve a name once.
    static final int ID = 0;
    static final int SOURCE = 1;
    static final int TYPE = 2;
    static final int SPEC_VERSION = 3;
    static final int SUBJECT = 4;
    static final int TIME = 5;
    static final int DATA_CONTENT_TYPE = 6;
    static final int DATA_SCHEMA = 7;
    static final int DATA = 8;
    static final int EXTENSIONS = 9;

    /** The RawEvent attribute behind each string slot. */
    private static final int[] ATTRIBUTES = {
        RawEvent.ID,
        RawEvent.SOURCE,
        RawEvent.TYPE,
        RawEvent.SPEC_VERSION,
        RawEvent.SUBJECT,
        RawEvent.TIME,
        RawEvent.DATA_CONTENT_TYPE,
        RawEvent.DATA_SCHEMA
    };

    private final RawEvent event = new RawEvent();
    private Object data;
    private Object extensions;

    /** Empty variables; {@link #reset} them before use. */
    public RawEventVariables() {}

    /**
     * Binds the event in {@code buffer[offset, offset + length)}, forgetting the previous one.
     *
     * @return this
     * @throws dev.flows.api.error.InvalidEventException if the bytes are not a valid structured-mode event; the
     *     message gives the byte offset of the problem within the event
     */
    public RawEventVariables reset(byte[] buffer, int offset, int length) {
        data = null;
        extensions = null;
        event.reset(buffer, offset, length);
        return this;
    }

    /** The event being read, for its attributes, its bytes and its partition key without converting more. */
    public RawEvent raw() {
        return event;
    }

    /**
     * The whole event, as {@link dev.flows.engine.format.JsonEventFormat#decode} gives it; built from what was
     * already scanned, for when the event must be written out or handed on.
     */
    public Event event() {
        return event.event();
    }

    /** The slot of a variable name, or -1. */
    static int slot(Object name) {
        if (!(name instanceof String text)) {
            return -1;
        }
        return switch (text) {
            case EventVariables.ID -> ID;
            case EventVariables.SOURCE -> SOURCE;
            case EventVariables.TYPE -> TYPE;
            case EventVariables.SPEC_VERSION -> SPEC_VERSION;
            case EventVariables.SUBJECT -> SUBJECT;
            case EventVariables.TIME -> TIME;
            case EventVariables.DATA_CONTENT_TYPE -> DATA_CONTENT_TYPE;
            case EventVariables.DATA_SCHEMA -> DATA_SCHEMA;
            case EventVariables.DATA -> DATA;
            case EventVariables.EXTENSIONS -> EXTENSIONS;
            default -> -1;
        };
    }

    @Override
    Object variable(int slot) {
        return switch (slot) {
            case ID, SOURCE, TYPE -> event.string(ATTRIBUTES[slot]);
            case SPEC_VERSION -> Event.SPEC_VERSION;
            case SUBJECT, DATA_CONTENT_TYPE, DATA_SCHEMA -> orEmpty(event.string(ATTRIBUTES[slot]));
            case TIME -> event.has(RawEvent.TIME) ? event.time() : NullValue.NULL_VALUE;
            case DATA -> data();
            case EXTENSIONS -> extensions();
            default -> throw new IllegalArgumentException("no variable in slot " + slot);
        };
    }

    /**
     * Whether the string variable in {@code slot} equals {@code text}, comparing bytes where the event holds no
     * escape. An absent optional attribute is "", as its variable is.
     */
    boolean stringEquals(int slot, byte[] utf8, String text) {
        if (slot == SPEC_VERSION) {
            return Event.SPEC_VERSION.equals(text);
        }
        int attribute = ATTRIBUTES[slot];
        return event.has(attribute) ? event.stringEquals(attribute, utf8, text) : text.isEmpty();
    }

    private Object data() {
        if (data == null) {
            data = CelInput.of(event.data());
        }
        return data;
    }

    private Object extensions() {
        if (extensions == null) {
            extensions = CelInput.of(event.extensions());
        }
        return extensions;
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
