package dev.flows.engine.runtime;

import dev.flows.api.sink.Delivery;
import dev.flows.api.sink.Upsert;
import dev.flows.api.sink.UpsertOutcome;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * The database rows a task's batch has computed and not yet written, per destination, in the order of their
 * events. {@link #deliver} hands them to each destination's sink in slices of its batch size (each slice one
 * transaction) before the task commits its offsets, so a crash in between replays them, and the sink's
 * bookkeeping by event id keeps the replay from applying any twice. Confined to one thread.
 */
final class PendingRows {

    /** One row and the emission it came from, to dead-letter it with the emission's sequence number. */
    record Row(FlowEvent event, long sequence, Upsert upsert) {}

    /** What to do with a row its sink gave up on. */
    @FunctionalInterface
    interface GiveUp {
        void row(Output.ToDatabase output, Row row, String reason);
    }

    // By identity, in the order first used: an output's record holds compiled expressions, costly to hash per row.
    private final Map<Output.ToDatabase, List<Row>> rows = new IdentityHashMap<>();
    private final List<Output.ToDatabase> order = new ArrayList<>();

    void add(Output.ToDatabase output, FlowEvent event, long sequence, Map<String, Object> values) {
        Upsert upsert = new Upsert(event.event().source(), event.event().id(), values);
        rows.computeIfAbsent(output, o -> {
                    order.add(o);
                    return new ArrayList<>();
                })
                .add(new Row(event, sequence, upsert));
    }

    /**
     * Writes every pending row, destination by destination, then forgets them.
     *
     * @param stopping passed to the sinks: true makes them abandon their retries
     * @return false if a sink stopped before it was done: the batch must not be committed
     */
    boolean deliver(BooleanSupplier stopping, GiveUp giveUp) {
        for (Output.ToDatabase output : order) {
            List<Row> pending = rows.get(output);
            for (int from = 0; from < pending.size(); from += output.batch()) {
                List<Row> slice = pending.subList(from, Math.min(pending.size(), from + output.batch()));
                if (!deliver(output, slice, stopping, giveUp)) {
                    return false;
                }
            }
        }
        rows.clear();
        order.clear();
        return true;
    }

    private static boolean deliver(Output.ToDatabase output, List<Row> slice, BooleanSupplier stopping, GiveUp giveUp) {
        UpsertOutcome outcome =
                output.sink().upsert(slice.stream().map(Row::upsert).toList(), stopping);
        return switch (outcome) {
            case UpsertOutcome.Stopped stopped -> false;
            case UpsertOutcome.Done done -> {
                if (done.deliveries().size() != slice.size()) {
                    throw new IllegalStateException(output.name() + ": the sink answered "
                            + done.deliveries().size() + " deliveries for " + slice.size()
                            + " rows; this is a bug in its connector");
                }
                for (int i = 0; i < slice.size(); i++) {
                    if (done.deliveries().get(i) instanceof Delivery.GaveUp gaveUp) {
                        giveUp.row(output, slice.get(i), gaveUp.reason());
                    }
                }
                yield true;
            }
        };
    }
}
