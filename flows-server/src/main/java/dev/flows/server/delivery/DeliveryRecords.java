package dev.flows.server.delivery;

import dev.flows.api.channel.Channel;
import dev.flows.api.channel.ChannelRecord;
import dev.flows.api.event.Event;
import dev.flows.api.event.EventFormat;
import dev.flows.api.sink.DeliveryAttempt;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads delivery records back from the {@code flows.deliveries} channel, newest first, filtered by flow and
 * status: reads each partition backwards in chunks and stops at the limit, or after {@link #MAX_SCANNED}
 * records, so that a request over a long history stays bounded. Thread-safe (reads only).
 */
public final class DeliveryRecords {

    /** The most records one query reads before it answers with what it found. */
    static final int MAX_SCANNED = 100_000;

    private static final int CHUNK = 500;

    private final Channel channel;
    private final EventFormat format;

    public DeliveryRecords(Channel channel, EventFormat format) {
        this.channel = channel;
        this.format = format;
    }

    /**
     * The newest records matching the filters, newest first.
     *
     * @param flow   only this flow's records, when present
     * @param status only records with this status, when present
     * @param limit  at most this many, at least 1
     */
    public List<Map<String, Object>> newest(Optional<String> flow, Optional<DeliveryAttempt.Status> status, int limit) {
        List<Found> found = new ArrayList<>();
        for (int partition = 0; partition < channel.partitions(); partition++) {
            scan(partition, flow, status, limit, found);
        }
        found.sort(Comparator.comparingLong(Found::timestampMs)
                .thenComparingLong(Found::offset)
                .reversed());
        return found.stream().limit(limit).map(Found::view).toList();
    }

    private void scan(
            int partition, Optional<String> flow, Optional<DeliveryAttempt.Status> status, int limit, List<Found> out) {
        long start = channel.startOffset(partition);
        long to = channel.endOffset(partition);
        int matched = 0;
        int scanned = 0;
        while (to > start && matched < limit && scanned < MAX_SCANNED) {
            int chunk = (int) Math.min(CHUNK, to - start);
            List<ChannelRecord> records = channel.read(partition, to - chunk, chunk);
            for (int i = records.size() - 1; i >= 0 && matched < limit; i--) {
                Optional<Found> record = view(records.get(i));
                if (record.isPresent() && matches(record.get().view(), flow, status)) {
                    out.add(record.get());
                    matched++;
                }
            }
            scanned += chunk;
            to -= chunk;
        }
    }

    private Optional<Found> view(ChannelRecord record) {
        if (record.value() == null) {
            return Optional.empty();
        }
        try {
            Event event = format.decode(record.value());
            if (!ChannelDeliveryLog.TYPE.equals(event.type()) || !(event.data() instanceof Map<?, ?> data)) {
                return Optional.empty();
            }
            Map<String, Object> view = new LinkedHashMap<>();
            data.forEach((key, value) -> view.put(String.valueOf(key), value));
            return Optional.of(new Found(record.timestampMs(), record.offset(), view));
        } catch (RuntimeException e) {
            return Optional.empty(); // not a delivery record: someone appended something else; leave it out
        }
    }

    private static boolean matches(
            Map<String, Object> view, Optional<String> flow, Optional<DeliveryAttempt.Status> status) {
        return flow.map(f -> f.equals(view.get("flow"))).orElse(true)
                && status.map(s -> s.text().equals(view.get("status"))).orElse(true);
    }

    private record Found(long timestampMs, long offset, Map<String, Object> view) {}
}
