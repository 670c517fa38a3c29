package dev.flows.engine.runtime;

import dev.flows.api.event.Event;
import dev.flows.api.event.EventFormat;
import dev.flows.engine.expression.EventVariables;
import java.util.Map;

/**
 * An event on its way through a flow. It starts as the JSON read from a channel or a file and is decoded only
 * when a step needs the whole event; expressions read it through its CEL variables, built once. An event a
 * step changes becomes a new {@code FlowEvent} without the original bytes, and is encoded again only where
 * it is written. Confined to the thread of one flow task.
 */
final class FlowEvent {

    /** Event time not assigned yet (the flow keeps no state in event time). */
    static final long NO_TIME = Long.MIN_VALUE;

    private final EventFormat format;
    private final byte[] json;
    private Event event;
    private Map<String, Object> variables;
    private long time = NO_TIME;
    private boolean joined;

    private FlowEvent(EventFormat format, byte[] json, Event event) {
        this.format = format;
        this.json = json;
        this.event = event;
    }

    /** An event as stored: decoded on first use. */
    static FlowEvent ofJson(byte[] json, EventFormat format) {
        return new FlowEvent(format, json, null);
    }

    /** An event already decoded or built by a step. */
    static FlowEvent of(Event event, EventFormat format) {
        return new FlowEvent(format, null, event);
    }

    /** An event a stateful step made (a window result, a match), at {@code eventTime}. */
    static FlowEvent built(Event event, long eventTime) {
        FlowEvent built = new FlowEvent(null, null, event);
        built.time = eventTime;
        return built;
    }

    /**
     * The decoded event.
     *
     * @throws dev.flows.api.error.InvalidEventException if the stored bytes are not a valid event
     */
    Event event() {
        if (event == null) {
            event = format.decode(json);
        }
        return event;
    }

    /** The CEL variables of the event, bound once. */
    Map<String, Object> variables() {
        if (variables == null) {
            variables = EventVariables.of(event());
        }
        return variables;
    }

    /** The bytes to write: the stored bytes when the event is unchanged, else a fresh encoding by {@code writer}. */
    byte[] encoded(EventFormat writer) {
        return json != null ? json : writer.encode(event);
    }

    /** The event as changed by a step, with the same event time. */
    FlowEvent changed(Event changed) {
        FlowEvent next = new FlowEvent(format, null, changed);
        next.time = time;
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
