package dev.flows.bench.w5;

import dev.flows.api.error.FlowsException;
import java.net.URI;

/** The error for a request the server did not acknowledge: W5 posts only valid events, so any is a failure. */
final class Refusal {

    private static final int MAX_BODY_IN_MESSAGE = 500;

    private Refusal() {}

    static FlowsException of(URI uri, int status, String body) {
        String excerpt = body.length() <= MAX_BODY_IN_MESSAGE ? body : body.substring(0, MAX_BODY_IN_MESSAGE) + "...";
        return new FlowsException("POST " + uri + " answered " + status + " instead of 200: " + excerpt
                + "; the input must be valid CloudEvents (generate it with GenEvents.java)");
    }
}
