package dev.flows.server.ingest;

import dev.flows.api.channel.Channel;
import dev.flows.api.channel.Position;
import dev.flows.api.event.Event;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dedupe memory of one channel: the {@code source} and {@code id} of every event stored on it within the
 * {@code dedupe} window, with where each was stored, so that a repeat is answered with the first copy's position
 * instead of being stored again.
 *
 * <p>Bounded: it holds at most {@code maxIds} ids (by default {@value #MAX_IDS}, about 200 MB with ids and
 * sources of a few dozen characters). Ids leave it when their window passes and, past the bound, oldest first;
 * the first time that happens it logs a warning, since a repeat of a forgotten id is stored again.
 *
 * <p>Concurrency: a request {@link #claim claims} its events in one step under this object's lock. An id nobody
 * holds is reserved for the request until it {@link DedupeClaim#stored stored} it or {@link DedupeClaim#release
 * released} it (its append failed); a concurrent request with the same id finds the reservation and waits for its
 * outcome rather than storing the event twice. A request waits only on reservations made before its own claim, so
 * waits never form a cycle, and appends of different ids proceed in parallel.
 *
 * <p>After a restart the memory is empty until the first claim, which rebuilds it from the records the channel
 * holds within the window ({@link RecentEventsReplay}), so a client that retries across a restart is still
 * deduplicated. Thread-safe.
 */
public final class RecentEvents {

    /** The most ids one channel remembers. */
    public static final int MAX_IDS = 1_000_000;

    private static final Logger LOG = LoggerFactory.getLogger(RecentEvents.class);

    private final String channel;
    private final long windowMs;
    private final int maxIds;
    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>();
    private boolean replayed;
    private boolean overflowLogged;

    /**
     * An empty memory that rebuilds itself from the channel on first use.
     *
     * @param channel the channel's name, for the log
     * @param window  how long an id is remembered after its event was stored
     * @param maxIds  the most ids held; at least 1
     */
    public RecentEvents(String channel, Duration window, int maxIds) {
        if (maxIds < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException(
                    "a dedupe memory needs a positive window and size, was " + window + " and " + maxIds);
        }
        this.channel = channel;
        this.windowMs = window.toMillis();
        this.maxIds = maxIds;
    }

    /** One remembered id: when its event was stored, and where (pending until the append that stores it returns). */
    record Entry(long timeMs, CompletableFuture<Position> position) {}

    /**
     * Claims the events of one request at {@code nowMs}: each event is new (reserved for this request), a repeat of
     * an earlier event of the same request, or a repeat of an event stored (or being stored) within the window.
     * On the first call, first reads the channel's records within the window back (blocking).
     *
     * @param channel the channel the events go to, read back on the first call
     */
    public synchronized DedupeClaim claim(Channel channel, List<Event> events, long nowMs) {
        if (!replayed) {
            RecentEventsReplay.read(channel, windowMs, nowMs, maxIds)
                    .forEach(seen -> remember(
                            seen.key(), new Entry(seen.timeMs(), CompletableFuture.completedFuture(seen.position()))));
            replayed = true;
        }
        expire(nowMs);
        DedupeClaim claim = new DedupeClaim(this, events.size());
        Map<String, Integer> inRequest = new HashMap<>();
        for (int i = 0; i < events.size(); i++) {
            Event event = events.get(i);
            String key = key(event.source(), event.id());
            Integer first = inRequest.putIfAbsent(key, i);
            if (first != null) {
                claim.repeatOf(i, first);
                continue;
            }
            Entry earlier = entries.get(key);
            if (earlier != null && nowMs - earlier.timeMs() < windowMs) {
                claim.earlier(i, earlier);
            } else {
                Entry reserved = new Entry(nowMs, new CompletableFuture<>());
                entries.remove(key); // an expired entry out of order: the new one goes to the end
                remember(key, reserved);
                claim.reserved(i, key, reserved);
            }
        }
        return claim;
    }

    /** Forgets reservations whose append failed, unless something newer took their place. */
    synchronized void forget(List<String> keys, List<Entry> reserved) {
        for (int i = 0; i < keys.size(); i++) {
            entries.remove(keys.get(i), reserved.get(i));
        }
    }

    /** The number of ids held now. */
    public synchronized int size() {
        return entries.size();
    }

    private void remember(String key, Entry entry) {
        entries.putIfAbsent(key, entry);
        if (entries.size() > maxIds) {
            Iterator<Entry> oldest = entries.values().iterator();
            oldest.next();
            oldest.remove();
            if (!overflowLogged) {
                overflowLogged = true;
                LOG.warn(
                        "the dedupe memory of channel '{}' is full ({} ids within its window of {} ms); the oldest ids"
                                + " are forgotten from now on, so a repeat of one of them is stored again. Shorten the"
                                + " 'dedupe' window of the channel, or spread the events over more channels",
                        channel,
                        maxIds,
                        windowMs);
            }
        }
    }

    /** Drops ids whose window passed, oldest first; an out-of-order one further in is checked when met. */
    private void expire(long nowMs) {
        Iterator<Entry> oldest = entries.values().iterator();
        while (oldest.hasNext()) {
            if (nowMs - oldest.next().timeMs() < windowMs) {
                return;
            }
            oldest.remove();
        }
    }

    /**
     * The key of an event: its source and id, unambiguous whatever characters they hold (the length of the source
     * says where the id starts).
     */
    static String key(String source, String id) {
        return source.length() + ":" + source + id;
    }
}
