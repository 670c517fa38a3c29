package dev.flows.server.http;

import dev.flows.api.event.Event;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * W3C Trace Context on ingest: the request's {@code traceparent} (and {@code tracestate}) header is carried on
 * each event it brings as the CloudEvents distributed-tracing extension of the same names, unless the event
 * already has its own. A malformed {@code traceparent} is ignored, as the W3C recommendation says a receiver
 * should. Stateless.
 */
final class TraceContext {

    static final String TRACEPARENT = "traceparent";
    static final String TRACESTATE = "tracestate";

    /** version "00": 2 hex, 32 hex trace id (not all zero), 16 hex parent id (not all zero), 2 hex flags. */
    private static final Pattern VALID = Pattern.compile("00-(?!0{32})[0-9a-f]{32}-(?!0{16})[0-9a-f]{16}-[0-9a-f]{2}");

    private TraceContext() {}

    /** The event with the request's trace context, when the request has a valid one and the event has none. */
    static Event carry(Event event, String traceparent, String tracestate) {
        if (traceparent == null || event.extensions().containsKey(TRACEPARENT)) {
            return event;
        }
        String parent = traceparent.trim();
        if (!VALID.matcher(parent).matches()) {
            return event;
        }
        Map<String, Object> extensions = new LinkedHashMap<>(event.extensions());
        extensions.put(TRACEPARENT, parent);
        if (tracestate != null && !tracestate.isBlank()) {
            extensions.put(TRACESTATE, tracestate.trim());
        }
        return event.withExtensions(extensions);
    }
}
