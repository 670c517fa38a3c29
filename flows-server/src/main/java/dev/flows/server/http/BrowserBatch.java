package dev.flows.server.http;

import dev.flows.api.event.Event;
import dev.flows.engine.format.JsonEventFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The body the browser script posts: a JSON array of CloudEvents, decoded by the strict batch decoder, at
 * most {@value #MAX_EVENTS} of them, each stamped with the origin the server checked. Stateless.
 */
final class BrowserBatch {

    /**
     * The most events one request may carry. The script sends 20 at a time; a page has no reason to send
     * thousands at once, and a small cap bounds what one visitor's browser can push in one request.
     */
    static final int MAX_EVENTS = 100;

    /**
     * What the script sends: text/plain, so that a cross-origin {@code fetch} or {@code sendBeacon} stays a
     * CORS "simple request" without a preflight. The JSON types are accepted from other clients.
     */
    static final Set<String> MEDIA_TYPES = Set.of("text/plain", "application/json", JsonEventFormat.BATCH_MEDIA_TYPE);

    private BrowserBatch() {}

    /**
     * Decodes the body, all or nothing.
     *
     * @throws dev.flows.api.error.InvalidEventException if it is not a JSON array of valid CloudEvents
     * @throws ApiException with 415 for another media type, 413 for more than {@value #MAX_EVENTS} events
     */
    static List<Event> decode(JsonEventFormat format, String contentType, byte[] body, String origin) {
        String mediaType = ChannelPost.mediaType(contentType);
        if (!MEDIA_TYPES.contains(mediaType)) {
            throw ApiException.unsupportedMediaType("Content-Type '" + mediaType
                    + "' is not accepted here; the browser script sends a JSON array of CloudEvents as text/plain"
                    + " (application/json and " + JsonEventFormat.BATCH_MEDIA_TYPE + " work too)");
        }
        List<Event> events = format.decodeBatch(body);
        if (events.size() > MAX_EVENTS) {
            throw ApiException.tooLarge(
                    "batch-too-large",
                    "the batch holds " + events.size() + " events, more than the " + MAX_EVENTS
                            + " one request from a page may carry; nothing was stored, send them in smaller batches");
        }
        return events.stream().map(event -> stamped(event, origin)).toList();
    }

    /** The event with the checked origin; whatever origin the event claimed itself is replaced. */
    private static Event stamped(Event event, String origin) {
        Map<String, Object> extensions = new LinkedHashMap<>(event.extensions());
        extensions.put(BrowserOrigins.EXTENSION, origin);
        return event.withExtensions(extensions);
    }
}
