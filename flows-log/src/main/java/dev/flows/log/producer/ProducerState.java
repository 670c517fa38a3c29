package dev.flows.log.producer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * The producers of one partition: each one's last sequence number and offset, at most {@code maxProducers}
 * of them. Past that, the producer written least recently is forgotten; its next record is then taken as
 * new, so it is deduplicated again only from there on. Not thread-safe: the owner guards it.
 */
public final class ProducerState {

    /** The producers a partition remembers: far more than the flow tasks that may write to it. */
    public static final int MAX_PRODUCERS = 100_000;

    private final int maxProducers;

    /** Insertion order is write order: a producer's entry moves to the end when it is written. */
    private final LinkedHashMap<String, ProducerEntry> entries = new LinkedHashMap<>();

    /** An empty state that keeps at most {@code maxProducers}, at least 1. */
    public ProducerState(int maxProducers) {
        if (maxProducers < 1) {
            throw new IllegalArgumentException("maxProducers must be at least 1, was " + maxProducers);
        }
        this.maxProducers = maxProducers;
    }

    /** An empty state that keeps at most {@link #MAX_PRODUCERS}. */
    public ProducerState() {
        this(MAX_PRODUCERS);
    }

    /** The producer's entry, or null if it is not known. */
    public ProducerEntry entry(String producerId) {
        return entries.get(producerId);
    }

    /** The sequence number of the producer's last record, or -1 if it is not known. */
    public long lastSequence(String producerId) {
        ProducerEntry entry = entries.get(producerId);
        return entry == null ? -1 : entry.lastSequence();
    }

    /**
     * Records that the producer wrote a batch, unless an entry at the same or a later offset is known (so
     * replaying batches it has already seen changes nothing), and forgets the least recently written
     * producer if there are now too many.
     */
    public void apply(ProducerEntry entry) {
        ProducerEntry known = entries.get(entry.producerId());
        if (known != null && known.lastOffset() >= entry.lastOffset()) {
            return;
        }
        entries.remove(entry.producerId());
        entries.put(entry.producerId(), entry);
        if (entries.size() > maxProducers) {
            entries.pollFirstEntry();
        }
    }

    /** The entries, least recently written first: an order {@link #apply} rebuilds. */
    public List<ProducerEntry> entries() {
        return new ArrayList<>(entries.values());
    }

    /** How many producers are known. */
    public int size() {
        return entries.size();
    }

    /** A copy with the same bound. */
    public ProducerState copy() {
        ProducerState copy = new ProducerState(maxProducers);
        copy.entries.putAll(entries);
        return copy;
    }
}
