package dev.flows.server.http;

import dev.flows.api.event.Event;
import dev.flows.engine.schema.EventSchema;
import dev.flows.engine.schema.SchemaViolation;
import java.util.ArrayList;
import java.util.List;

/**
 * Refuses a request any of whose events breaks its channel's JSON Schema: 422 with a problem document whose
 * {@code errors} name each violation by its JSON Pointer into the body, at most {@value #MAX_ERRORS} of them, so a
 * batch of ten thousand bad events gets a readable answer. Stateless.
 */
final class SchemaCheck {

    /** The most violations one answer lists. */
    static final int MAX_ERRORS = 100;

    private SchemaCheck() {}

    /**
     * @param single whether the body was one event (pointers {@code /data/...}) rather than a batch ({@code
     *     /3/data/...})
     * @throws ApiException 422 {@code schema-violation} if any event breaks the schema
     */
    static void require(String channel, EventSchema schema, List<Event> events, boolean single) {
        List<InvalidValue> errors = new ArrayList<>();
        int failing = 0;
        for (int i = 0; i < events.size() && errors.size() <= MAX_ERRORS; i++) {
            List<SchemaViolation> violations =
                    schema.check(events.get(i), single ? "" : "/" + i, MAX_ERRORS + 1 - errors.size());
            if (!violations.isEmpty()) {
                failing += errors.size() < MAX_ERRORS ? 1 : 0; // an event only past the cap is not listed
                violations.forEach(v -> errors.add(new InvalidValue(v.pointer(), v.message(), v.keyword())));
            }
        }
        if (errors.isEmpty()) {
            return;
        }
        boolean truncated = errors.size() > MAX_ERRORS;
        String which = single
                ? "the event breaks"
                : (truncated ? "at least " : "") + failing + " of the " + events.size() + " events break";
        throw ApiException.unprocessable(
                "schema-violation",
                which + " the JSON Schema of channel '" + channel + "' (" + schema.name() + "); each entry of 'errors'"
                        + " gives the JSON Pointer of a value in the body and what is wrong with it"
                        + (truncated ? " (the first " + MAX_ERRORS + " problems are listed; there are more)" : "")
                        + ". Nothing was stored: fix the data and send the request again",
                truncated ? errors.subList(0, MAX_ERRORS) : errors);
    }
}
