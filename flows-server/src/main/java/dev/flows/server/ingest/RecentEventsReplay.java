package dev.flows.server.ingest;

import dev.flows.api.channel.Channel;
import dev.flows.api.channel.ChannelRecord;
import dev.flows.api.channel.Position;
import dev.flows.api.error.InvalidEventException;
import dev.flows.engine.format.RawEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds a channel's dedupe memory after a restart: reads every partition from the first record of the window
 * (the channel's time index finds it) to the end, and takes the {@code source} and {@code id} of each event in
 * place, without decoding it. Every record within the window counts, whatever stored it. Holds at most twice the
 * memory's bound while reading, dropping the oldest beyond it. Stateless.
 */
final class RecentEventsReplay {

    private static final Logger LOG = LoggerFactory.getLogger(RecentEventsReplay.class);
    private static final int BATCH = 1_000;

    private RecentEventsReplay() {}

    /** An event read back: its key, when it was stored and where. */
    record Seen(String key, long timeMs, Position position) {}

    /** The events stored within the window before {@code nowMs}, oldest first, at most {@code maxIds}. */
    static List<Seen> read(Channel channel, long windowMs, long nowMs, int maxIds) {
        long since = nowMs - windowMs + 1;
        List<Seen> seen = new ArrayList<>();
        RawEvent raw = new RawEvent();
        int unreadable = 0;
        for (int partition = 0; partition < channel.partitions(); partition++) {
            long offset = channel.offsetForTime(partition, Instant.ofEpochMilli(since));
            long end = channel.endOffset(partition);
            while (offset < end) {
                List<ChannelRecord> records = channel.read(partition, offset, BATCH);
                if (records.isEmpty()) {
                    break;
                }
                for (ChannelRecord record : records) {
                    if (record.timestampMs() < since || record.value() == null) {
                        continue;
                    }
                    try {
                        raw.reset(record.value(), 0, record.value().length);
                        String key = RecentEvents.key(raw.string(RawEvent.SOURCE), raw.string(RawEvent.ID));
                        seen.add(new Seen(key, record.timestampMs(), new Position(partition, record.offset())));
                    } catch (InvalidEventException e) {
                        unreadable++; // not a CloudEvent (written by something else): nothing to deduplicate
                    }
                }
                offset = records.getLast().offset() + 1;
                if (seen.size() > 2 * maxIds) {
                    keepNewest(seen, maxIds);
                }
            }
        }
        if (unreadable > 0) {
            LOG.warn(
                    "{} record(s) of channel '{}' within its dedupe window are not CloudEvents and were skipped",
                    unreadable,
                    channel.name());
        }
        seen.sort(Comparator.comparingLong(Seen::timeMs));
        return seen.size() > maxIds ? List.copyOf(seen.subList(seen.size() - maxIds, seen.size())) : seen;
    }

    private static void keepNewest(List<Seen> seen, int maxIds) {
        seen.sort(Comparator.comparingLong(Seen::timeMs));
        seen.subList(0, seen.size() - maxIds).clear();
    }
}
