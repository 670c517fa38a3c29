package dev.flows.server.http;

import dev.flows.api.channel.Append;
import dev.flows.api.channel.Channel;
import dev.flows.api.channel.Position;
import dev.flows.api.event.Event;
import dev.flows.api.flow.IngestPolicy;
import dev.flows.engine.format.JsonEventFormat;
import dev.flows.engine.format.JsonOutput;
import dev.flows.engine.schema.EventSchema;
import dev.flows.server.ingest.RecentEvents;
import dev.flows.server.ingest.TokenBucket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The one way decoded events enter a channel over HTTP, whichever route brought them (CloudEvents ingest,
 * the browser script): applies the channel's {@link IngestPolicy}, encodes each event once and appends them
 * all in one call, so a request either stores every event or none. Thread-safe.
 *
 * <p>The checks, in order, each refusing the whole request before anything is stored: the {@code rate-limit}
 * (429 with {@code Retry-After}; 413 for a request larger than one second's worth, which could never pass), then
 * the {@code schema} (422 listing each violation). Then {@code dedupe}: events whose {@code source} and {@code id}
 * were stored within the window, or earlier in the same request, are answered with the first copy's position and
 * {@code "duplicate": true} instead of being stored ({@link DedupedAppend}). Every event of a request counts
 * against the rate limit, duplicates too: they cost the server as much as new ones.
 */
final class EventIngest {

    private final JsonEventFormat format;
    private final Clock clock;
    private final Map<String, IngestPolicy> policies;
    private final Map<String, EventSchema> schemas;
    private final Map<String, TokenBucket> rates = new HashMap<>();
    private final Map<String, DedupedAppend> dedupes = new HashMap<>();

    /**
     * @param policies the ingest policy of each declared channel by name; other channels get
     *     {@link IngestPolicy#NONE}
     * @param schemas  the compiled schema of each channel that declares one, by name
     */
    EventIngest(
            JsonEventFormat format, Clock clock, Map<String, IngestPolicy> policies, Map<String, EventSchema> schemas) {
        this.format = format;
        this.clock = clock;
        this.policies = Map.copyOf(policies);
        this.schemas = Map.copyOf(schemas);
        policies.forEach((name, policy) -> {
            if (policy.maxEventsPerSecond() > 0) {
                rates.put(name, new TokenBucket(policy.maxEventsPerSecond(), this::nanoTime));
            }
            if (policy.dedupeWindow() != null) {
                dedupes.put(
                        name, new DedupedAppend(new RecentEvents(name, policy.dedupeWindow(), RecentEvents.MAX_IDS)));
            }
        });
    }

    /** The ingest policy of a channel. */
    IngestPolicy policy(String channel) {
        return policies.getOrDefault(channel, IngestPolicy.NONE);
    }

    /**
     * Appends the events of a batch (problems point at {@code /3/data/...}) once they are durable; answers where each
     * one is.
     *
     * @throws ApiException if a check refuses the request; nothing is stored then
     */
    IngestResult append(Channel channel, List<Event> events) {
        return append(channel, events, false);
    }

    /** Appends one event sent alone (problems point at {@code /data/...}); answers where it is. */
    IngestResult append(Channel channel, Event event) {
        return append(channel, List.of(event), true);
    }

    private IngestResult append(Channel channel, List<Event> events, boolean single) {
        String name = channel.name();
        TokenBucket rate = rates.get(name);
        if (rate != null) {
            RateLimit.admit(name, rate, events.size());
        }
        EventSchema schema = schemas.get(name);
        if (schema != null) {
            SchemaCheck.require(name, schema, events, single);
        }
        long now = clock.millis();
        DedupedAppend dedupe = dedupes.get(name);
        if (dedupe != null) {
            return dedupe.append(channel, events, now, this);
        }
        List<Position> positions = store(channel, events, now);
        List<Accepted> accepted = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            Position position = positions.get(i);
            accepted.add(new Accepted(events.get(i).id(), position.partition(), position.offset()));
        }
        return new IngestResult(name, accepted);
    }

    /** Encodes and appends the events in one call, each stamped {@code nowMs}; their positions, in order. */
    List<Position> store(Channel channel, List<Event> events, long nowMs) {
        if (events.isEmpty()) {
            return List.of();
        }
        List<Append> appends = new ArrayList<>(events.size());
        for (Event event : events) {
            String key = event.partitionKey();
            appends.add(
                    new Append(key == null ? null : key.getBytes(StandardCharsets.UTF_8), format.encode(event), nowMs));
        }
        return channel.append(appends);
    }

    /** The clock's time in nanoseconds, for rate limits: a test's clock steps them too. */
    private long nanoTime() {
        Instant now = clock.instant();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    /** The answer to a successful POST. */
    record IngestResult(String channel, List<Accepted> events) {

        /**
         * {@code {"channel":..,"events":[{"id":..,"partition":..,"offset":..[,"duplicate":true]},..]}}, written
         * token by token: built as maps, a batch's answer cost an eighth of the server's CPU in W5 (JFR).
         */
        byte[] toJson() {
            try (JsonOutput out = JsonOutput.open()) {
                out.startObject().name("channel").string(channel).name("events").startArray();
                for (Accepted event : events) {
                    out.startObject()
                            .name("id")
                            .string(event.id())
                            .name("partition")
                            .number(event.partition())
                            .name("offset")
                            .number(event.offset());
                    if (event.duplicate()) {
                        out.name("duplicate").bool(true);
                    }
                    out.endObject();
                }
                return out.endArray().endObject().toByteArray();
            }
        }
    }

    /**
     * Where one event was stored; for a duplicate, where its first copy was (and {@code duplicate} is true, else
     * left out of the JSON).
     */
    record Accepted(String id, int partition, long offset, boolean duplicate) {

        Accepted(String id, int partition, long offset) {
            this(id, partition, offset, false);
        }
    }
}
