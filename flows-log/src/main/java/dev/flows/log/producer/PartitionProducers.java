package dev.flows.log.producer;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The producer state of one partition, kept twice: the live state, which appends check and advance as
 * they write, and the durable state, as of the offset the last recovery checkpoint covers, which is what
 * the checkpoint stores. Between the two lie the changes of batches written but perhaps not yet forced,
 * in offset order; a checkpoint moves those below its offset into the durable state, so a checkpoint
 * never speaks of a batch a power loss could still take away.
 *
 * <p>Thread-safety: {@link #lastSequence}, {@link #entry} and {@link #onWritten} run under the partition's
 * append lock; {@link #durableThrough} under its checkpoint lock; {@link #pendingChanges} anywhere.
 */
public final class PartitionProducers {

    private final ProducerState live;
    private final ProducerState durable;
    private final Queue<ProducerEntry> pending = new ConcurrentLinkedQueue<>();
    private final AtomicInteger pendingCount = new AtomicInteger();

    /** The producers of a partition that recovery found: live and durable at its end. */
    public PartitionProducers(ProducerState recovered) {
        this.live = recovered.copy();
        this.durable = recovered.copy();
    }

    /** The sequence number of the producer's last record written, or -1 if it is not known. Append lock. */
    public long lastSequence(String producerId) {
        return live.lastSequence(producerId);
    }

    /** The producer's live entry, or null. Append lock. */
    public ProducerEntry entry(String producerId) {
        return live.entry(producerId);
    }

    /** Records a batch the producer just wrote. Append lock, in offset order. */
    public void onWritten(ProducerEntry entry) {
        live.apply(entry);
        pending.add(entry);
        pendingCount.incrementAndGet();
    }

    /**
     * Moves the changes of batches below {@code endOffset} into the durable state and returns its entries,
     * least recently written first. Checkpoint lock; {@code endOffset} only grows.
     */
    public List<ProducerEntry> durableThrough(long endOffset) {
        for (ProducerEntry next = pending.peek();
                next != null && next.lastOffset() < endOffset;
                next = pending.peek()) {
            durable.apply(pending.poll());
            pendingCount.decrementAndGet();
        }
        return durable.entries();
    }

    /** How many changes wait for a checkpoint. */
    public int pendingChanges() {
        return pendingCount.get();
    }
}
