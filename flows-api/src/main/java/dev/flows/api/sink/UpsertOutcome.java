package dev.flows.api.sink;

import java.util.List;

/** What {@link UpsertSink#upsert} did with a batch. */
public sealed interface UpsertOutcome {

    /**
     * Every row was dealt with: applied (or found applied before), or given up on.
     *
     * @param deliveries one per row, in the order of the rows: {@link Delivery.Delivered} or {@link
     *                   Delivery.GaveUp} with the reason
     */
    record Done(List<Delivery> deliveries) implements UpsertOutcome {
        public Done {
            deliveries = List.copyOf(deliveries);
        }
    }

    /**
     * The caller asked to stop while the sink was retrying. Some of the rows may have been applied, others
     * not: the caller must not count the batch as done, and delivers it again later (what was applied is
     * then recognised by its event id and skipped).
     */
    record Stopped() implements UpsertOutcome {}
}
