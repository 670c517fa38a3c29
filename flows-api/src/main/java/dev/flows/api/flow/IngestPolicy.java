package dev.flows.api.flow;

import dev.flows.api.error.ConfigurationException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What the HTTP ingest of one channel checks before it appends. Every setting is off by default, so a
 * channel declared by name alone gets {@link #NONE}.
 *
 * @param schema         a JSON Schema (draft 2020-12) file, relative to the flow directory, that the data of
 *                       every event posted to the channel must satisfy; null checks nothing
 * @param schemaLocation where {@code schema} was written, for problems about the file; null without a schema
 * @param dedupeWindow   an event whose {@code source} and {@code id} were posted within this time before is
 *                       acknowledged again with its first position and not stored twice; null keeps every event
 * @param maxEventsPerSecond the most events the channel accepts per second over HTTP, with bursts of up to
 *                       one second's worth; more get 429 Too Many Requests; 0 sets no limit
 * @param browserOrigins the web origins ({@code https://shop.example}) whose pages may post to the channel
 *                       with the browser script ({@code /sdk/flows.js}), without a token; {@code *} allows any
 *                       origin; empty when the browser script may not post to it
 */
public record IngestPolicy(
        String schema,
        SourceLocation schemaLocation,
        Duration dedupeWindow,
        long maxEventsPerSecond,
        List<String> browserOrigins) {

    /** No schema, no dedupe, no limit, no browser access. */
    public static final IngestPolicy NONE = new IngestPolicy(null, null, null, 0, List.of());

    public IngestPolicy {
        browserOrigins = List.copyOf(browserOrigins);
        if (maxEventsPerSecond < 0) {
            throw new ConfigurationException(
                    "maxEventsPerSecond must be 0 (no limit) or more, was " + maxEventsPerSecond);
        }
        if (dedupeWindow != null && (dedupeWindow.isZero() || dedupeWindow.isNegative())) {
            throw new ConfigurationException("a dedupe window must be longer than zero, was " + dedupeWindow);
        }
        if (schema != null) {
            Objects.requireNonNull(schemaLocation, "schemaLocation");
        }
    }

    /** Whether pages using the browser script may post to the channel. */
    public boolean acceptsBrowsers() {
        return !browserOrigins.isEmpty();
    }
}
