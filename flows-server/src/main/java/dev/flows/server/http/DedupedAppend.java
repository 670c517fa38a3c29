package dev.flows.server.http;

import dev.flows.api.channel.Channel;
import dev.flows.api.channel.Position;
import dev.flows.api.event.Event;
import dev.flows.server.http.EventIngest.Accepted;
import dev.flows.server.http.EventIngest.IngestResult;
import dev.flows.server.ingest.DedupeClaim;
import dev.flows.server.ingest.RecentEvents;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * Appends to a channel with {@code dedupe}: claims the request's ids in the channel's {@link RecentEvents}, waits
 * for earlier requests still storing a repeated id, stores only the new events, and answers every event with where
 * it, or its first copy, is. If an earlier request failed to store an id this one repeats, the claim is released
 * and made again (up to {@value #ATTEMPTS} times), so this request stores it instead. Thread-safe.
 */
final class DedupedAppend {

    static final int ATTEMPTS = 3;

    /** How long a request waits for an earlier one storing the same id: longer than any healthy append. */
    static final Duration WAIT = Duration.ofSeconds(30);

    private final RecentEvents recent;

    DedupedAppend(RecentEvents recent) {
        this.recent = recent;
    }

    IngestResult append(Channel channel, List<Event> events, long nowMs, EventIngest ingest) {
        for (int attempt = 1; ; attempt++) {
            DedupeClaim claim = recent.claim(channel, events, nowMs);
            boolean ready;
            try {
                ready = awaitEarlier(claim, channel);
            } catch (RuntimeException | Error e) {
                claim.release(e);
                throw e;
            }
            if (!ready) {
                claim.release(null);
                if (attempt < ATTEMPTS) {
                    continue;
                }
                throw ApiException.unavailable(
                        "dedupe-busy",
                        "earlier requests to channel '" + channel.name() + "' carrying the same event ids failed to"
                                + " store them " + ATTEMPTS + " times; nothing of this request was stored. Retry it",
                        1);
            }
            List<Position> positions;
            try {
                positions = ingest.store(
                        channel, claim.toStore().stream().map(events::get).toList(), nowMs);
            } catch (RuntimeException | Error e) {
                claim.release(e);
                throw e;
            }
            claim.stored(positions);
            return result(channel.name(), events, claim);
        }
    }

    private static boolean awaitEarlier(DedupeClaim claim, Channel channel) {
        try {
            return claim.awaitEarlier(WAIT);
        } catch (TimeoutException e) {
            throw ApiException.unavailable(
                    "dedupe-busy",
                    "an earlier request to channel '" + channel.name() + "' carrying the same event id is still being"
                            + " stored after " + WAIT.toSeconds() + " s; nothing of this request was stored. Retry it",
                    1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiException.unavailable(
                    "shutting-down",
                    "the server stopped while this request waited; nothing of it was stored. Retry it",
                    1);
        }
    }

    private static IngestResult result(String channel, List<Event> events, DedupeClaim claim) {
        List<Accepted> accepted = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            Position position = claim.position(i);
            accepted.add(new Accepted(events.get(i).id(), position.partition(), position.offset(), claim.duplicate(i)));
        }
        return new IngestResult(channel, accepted);
    }
}
