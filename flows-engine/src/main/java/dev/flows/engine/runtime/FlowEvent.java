package dev.flows.engine.runtime;

import dev.flows.api.event.Event;
import dev.flows.api.event.EventFormat;
import dev.flows.engine.expression.EventVariables;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;

/**
 * An event on its way through a flow. It starts as the JSON read from a channel or a file and is never decoded
 * whole unless a step needs the whole event: expressions read it through the task's {@link EventScanner}, which
 * converts only the fields they use. An event a step changes becomes a new {@code FlowEvent} holding the
 * decoded event, and is encoded again only where it is written; an unchanged one is written as the bytes it
 * came as. Confined to the thread of one flow task.
 */
final class FlowEvent {

    /** Event time not assigned yet (the flow keeps no state in event time). */
    static final long NO_TIME = Long.MIN_VALUE;

    private final EventScanner scanner;
    private final byte[] json;
    private final int offset;
    private final int length;
    private Event event;
    private Map<String, Object> variables;
    private long time = NO_TIME;
    private boolean joined;
    /** Whether this event's data and extensions are private to it, so steps may change them in place. */
    private boolean owned;

    private FlowEvent(EventScanner scanner, byte[] json, int offset, int length, Event event) {
        this.scanner = scanner;
        this.json = json;
        this.offset = offset;
        this.length = length;
        this.event = event;
    }

    /** An event as stored, {@code length} bytes of {@code buffer} from {@code offset}, read through the scanner. */
    static FlowEvent ofJson(byte[] buffer, int offset, int length, EventScanner scanner) {
        return new FlowEvent(scanner, buffer, offset, length, null);
    }

    /** An event as stored, the whole array. */
    static FlowEvent ofJson(byte[] json, EventScanner scanner) {
        return new FlowEvent(scanner, json, 0, json.length, null);
    }

    /** An event already decoded. */
    static FlowEvent of(Event event) {
        return new FlowEvent(null, null, 0, 0, event);
    }

    /** An event a stateful step made (a window result, a match), at {@code eventTime}. */
    static FlowEvent built(Event event, long eventTime) {
        FlowEvent built = of(event);
        built.time = eventTime;
        return built;
    }

    /**
     * An event a step made from maps nothing else holds, at {@code eventTime}: later steps change it in place
     * without copying it first.
     */
    static FlowEvent builtPrivate(Event event, long eventTime) {
        FlowEvent built = built(event, eventTime);
        built.owned = true;
        return built;
    }

    /**
     * The decoded event.
     *
     * @throws dev.flows.api.error.InvalidEventException if the stored bytes are not a valid event
     */
    Event event() {
        if (event == null) {
            event = scanner.scan(this, json, offset, length).event();
        }
        return event;
    }

    /** The CEL variables of the event. */
    Map<String, Object> variables() {
        if (event == null) {
            return scanner.scan(this, json, offset, length);
        }
        if (variables == null) {
            variables = EventVariables.of(event);
        }
        return variables;
    }

    /** The event's {@code time} attribute, or null. */
    Instant timeAttribute() {
        return event != null
                ? event.time()
                : scanner.scan(this, json, offset, length).raw().time();
    }

    /** The key that decides the partition of a channel the event is appended to, or null. */
    String partitionKey() {
        return event != null
                ? event.partitionKey()
                : scanner.scan(this, json, offset, length).raw().partitionKey();
    }

    /** The bytes to write: the stored bytes when the event is unchanged, else a fresh encoding by {@code writer}. */
    byte[] encoded(EventFormat writer) {
        if (json == null) {
            return writer.encode(event);
        }
        return offset == 0 && length == json.length ? json : Arrays.copyOfRange(json, offset, offset + length);
    }

    /**
     * This event in a form steps may change in place ({@link #set}, {@link #remove}): itself when it is already
     * private to the flow, else a copy whose data is freshly decoded (from stored bytes) or deeply copied, so
     * that nothing another event or an output still holds is changed.
     */
    FlowEvent editable() {
        if (owned) {
            return this;
        }
        Event copy = json != null
                ? scanner.scan(this, json, offset, length).event() // decoding builds fresh, mutable maps
                : EventFields.deepCopy(event());
        FlowEvent next = of(copy);
        next.time = time;
        next.joined = joined;
        next.owned = true;
        return next;
    }

    /** Writes a computed value at a field path; only on an {@link #editable()} event. */
    void set(String path, Object value) {
        replace(EventFields.setInPlace(event, path, value));
    }

    /** Removes the field at a path; only on an {@link #editable()} event. */
    void remove(String path) {
        replace(EventFields.removeInPlace(event, path));
    }

    private void replace(Event changed) {
        if (!owned) {
            throw new IllegalStateException("only an editable() event changes in place");
        }
        if (changed != event) {
            event = changed;
            variables = null; // bound to the attributes of the previous record
        }
    }

    /** The event as changed by a step, with the same event time. */
    FlowEvent changed(Event changed) {
        FlowEvent next = of(changed);
        next.time = time;
        next.joined = joined;
        return next;
    }

    /** Whether the event came from the channel a join step reads, rather than from the flow's source. */
    boolean joined() {
        return joined;
    }

    /** Marks the event as read from the channel of the flow's join step. */
    void markJoined() {
        this.joined = true;
    }

    /** Event time in epoch milliseconds, or {@link #NO_TIME}. */
    long time() {
        return time;
    }

    void time(long epochMillis) {
        this.time = epochMillis;
    }
}
