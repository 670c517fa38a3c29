package dev.flows.server.http;

import dev.flows.api.channel.Append;
import dev.flows.api.channel.Channel;
import dev.flows.api.channel.Position;
import dev.flows.api.event.Event;
import dev.flows.api.flow.IngestPolicy;
import dev.flows.engine.format.JsonEventFormat;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The one way decoded events enter a channel over HTTP, whichever route brought them (CloudEvents ingest,
 * the browser script): applies the channel's {@link IngestPolicy}, encodes each event once and appends them
 * all in one call, so a request either stores every event or none. Thread-safe.
 */
final class EventIngest {

    private final JsonEventFormat format;
    private final Clock clock;
    private final Map<String, IngestPolicy> policies;

    /**
     * @param policies the ingest policy of each declared channel by name; other channels get
     *     {@link IngestPolicy#NONE}
     */
    EventIngest(JsonEventFormat format, Clock clock, Map<String, IngestPolicy> policies) {
        this.format = format;
        this.clock = clock;
        this.policies = Map.copyOf(policies);
    }

    /** The ingest policy of a channel. */
    IngestPolicy policy(String channel) {
        return policies.getOrDefault(channel, IngestPolicy.NONE);
    }

    /** Appends the events to the channel once they are durable; answers where each one is. */
    IngestResult append(Channel channel, List<Event> events) {
        long now = clock.millis();
        List<Append> appends = new ArrayList<>(events.size());
        for (Event event : events) {
            String key = event.partitionKey();
            appends.add(
                    new Append(key == null ? null : key.getBytes(StandardCharsets.UTF_8), format.encode(event), now));
        }
        List<Position> positions = appends.isEmpty() ? List.of() : channel.append(appends);
        List<Accepted> accepted = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            accepted.add(new Accepted(
                    events.get(i).id(),
                    positions.get(i).partition(),
                    positions.get(i).offset()));
        }
        return new IngestResult(channel.name(), accepted);
    }

    /** The answer to a successful POST. */
    record IngestResult(String channel, List<Accepted> events) {}

    /** Where one event was stored. */
    record Accepted(String id, int partition, long offset) {}
}
