package dev.flows.engine.runtime;

import dev.flows.api.event.Event;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds the event that goes to a dead-letter channel: the original event, unchanged but for two extension
 * attributes that say which flow gave up on it and why, so an operator can fix the cause and replay it.
 */
public final class DeadLetter {

    /** Extension attribute naming the flow that gave up. */
    public static final String FLOW = "deadletterflow";

    /** Extension attribute holding the reason, at most {@link #MAX_REASON_CHARS} characters. */
    public static final String REASON = "deadletterreason";

    static final int MAX_REASON_CHARS = 1000;

    /**
     * Extension attribute naming the destination that gave up (its delivery name), on events a sink gave up
     * on; events a step failed on have none. Redrive sends an event back to that destination only. (Short:
     * CloudEvents attribute names are at most 20 characters.)
     */
    public static final String DESTINATION = "deadletterdest";

    private DeadLetter() {}

    static Event of(Event event, String flow, String reason) {
        Map<String, Object> extensions = new LinkedHashMap<>(event.extensions());
        extensions.put(FLOW, flow);
        extensions.put(REASON, reason.length() > MAX_REASON_CHARS ? reason.substring(0, MAX_REASON_CHARS) : reason);
        return event.withExtensions(extensions);
    }

    /** The dead letter of an event that destination {@code destination} of flow {@code flow} gave up on. */
    public static Event of(Event event, String flow, String destination, String reason) {
        Event dead = of(event, flow, reason);
        Map<String, Object> extensions = new LinkedHashMap<>(dead.extensions());
        extensions.put(DESTINATION, destination);
        return dead.withExtensions(extensions);
    }
}
