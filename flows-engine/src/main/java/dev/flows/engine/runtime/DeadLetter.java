package dev.flows.engine.runtime;

import dev.flows.api.event.Event;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds the event that goes to a dead-letter channel: the original event, unchanged but for two extension
 * attributes that say which flow gave up on it and why, so an operator can fix the cause and replay it.
 */
final class DeadLetter {

    /** Extension attribute naming the flow that gave up. */
    static final String FLOW = "deadletterflow";

    /** Extension attribute holding the reason, at most {@link #MAX_REASON_CHARS} characters. */
    static final String REASON = "deadletterreason";

    static final int MAX_REASON_CHARS = 1000;

    private DeadLetter() {}

    static Event of(Event event, String flow, String reason) {
        Map<String, Object> extensions = new LinkedHashMap<>(event.extensions());
        extensions.put(FLOW, flow);
        extensions.put(REASON, reason.length() > MAX_REASON_CHARS ? reason.substring(0, MAX_REASON_CHARS) : reason);
        return event.withExtensions(extensions);
    }
}
