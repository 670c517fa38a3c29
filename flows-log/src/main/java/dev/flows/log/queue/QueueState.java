package dev.flows.log.queue;

import dev.flows.log.queue.JournalEntry.Acked;
import dev.flows.log.queue.JournalEntry.Counts;
import dev.flows.log.queue.JournalEntry.DeadLettered;
import dev.flows.log.queue.JournalEntry.Delivered;
import dev.flows.log.queue.JournalEntry.Header;
import dev.flows.log.queue.JournalEntry.Nacked;
import dev.flows.log.queue.JournalEntry.Next;
import dev.flows.log.queue.JournalEntry.Skipped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A queue's whole state: a {@link PartitionWindow} per partition and the acked and dead-lettered totals. It
 * changes only through {@link #apply}, the same code for live changes and for journal replay, so what is
 * replayed is what was live (except leases, which a restart ends). Not thread-safe: {@link DurableQueue}
 * guards it with its lock.
 */
final class QueueState {

    private final PartitionWindow[] windows;
    private long acked;
    private long deadLettered;

    QueueState(int partitions) {
        windows = new PartitionWindow[partitions];
        for (int p = 0; p < partitions; p++) {
            windows[p] = new PartitionWindow();
        }
    }

    /** Applies one change. A {@link Delivered} leaves the record unleased; the caller sets a live lease. */
    void apply(JournalEntry entry) {
        switch (entry) {
            case Header header -> {
                // Checked by DurableQueue before replay; nothing to change.
            }
            case Counts counts -> {
                acked = counts.acked();
                deadLettered = counts.deadLettered();
            }
            case Next n -> windows[n.partition()].advanceTo(n.offset());
            case Delivered d ->
                windows[d.partition()].delivered(d.offset(), d.deliveries(), d.firstDeliveryMs(), d.lastDeliveryMs());
            case Acked a -> acked += windows[a.partition()].done(a.offset()) == null ? 0 : 1;
            case Nacked n -> nacked(n);
            case DeadLettered d -> deadLettered += windows[d.partition()].done(d.offset()) == null ? 0 : 1;
            case Skipped s -> windows[s.partition()].done(s.offset());
        }
    }

    /** The entries that rebuild this state from nothing: what a compacted journal holds. */
    List<JournalEntry> snapshot() {
        List<JournalEntry> entries = new ArrayList<>();
        entries.add(new Header(JournalFormat.VERSION, windows.length));
        entries.add(new Counts(acked, deadLettered));
        for (int p = 0; p < windows.length; p++) {
            entries.add(new Next(p, windows[p].next()));
            for (Map.Entry<Long, InFlight> pending : windows[p].pending().entrySet()) {
                InFlight record = pending.getValue();
                entries.add(new Delivered(
                        p, pending.getKey(), record.deliveries, record.firstDeliveryMs, record.lastDeliveryMs));
                if (record.lastError != null) {
                    entries.add(new Nacked(p, pending.getKey(), record.lastError));
                }
            }
        }
        return entries;
    }

    PartitionWindow window(int partition) {
        return windows[partition];
    }

    int partitions() {
        return windows.length;
    }

    long acked() {
        return acked;
    }

    long deadLettered() {
        return deadLettered;
    }

    /** Records pending over all partitions. */
    long pending() {
        long pending = 0;
        for (PartitionWindow window : windows) {
            pending += window.pending().size();
        }
        return pending;
    }

    private void nacked(Nacked nacked) {
        InFlight record = windows[nacked.partition()].pending().get(nacked.offset());
        if (record != null) {
            record.leaseExpiry = null;
            record.lastError = nacked.error();
        }
    }
}
