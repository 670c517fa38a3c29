package dev.flows.engine.runtime;

import dev.flows.api.sink.Delivery;
import dev.flows.api.sink.Upsert;
import dev.flows.api.sink.UpsertOutcome;
import dev.flows.api.sink.UpsertSink;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * A fake database: records each slice it is handed, applies each event once (by id, as the real sink's
 * bookkeeping does), refuses the rows of chosen events, and while {@link #down} waits (as retries would) until
 * the caller stops it.
 */
final class FakeUpsertSink implements UpsertSink {

    final List<List<Upsert>> slices = new CopyOnWriteArrayList<>();
    final List<Upsert> applied = new CopyOnWriteArrayList<>();
    final Set<String> refused = new java.util.concurrent.ConcurrentSkipListSet<>();
    final AtomicInteger calls = new AtomicInteger();
    volatile boolean down;
    volatile boolean closed;

    @Override
    public UpsertOutcome upsert(List<Upsert> rows, BooleanSupplier stopping) {
        calls.incrementAndGet();
        while (down) {
            if (stopping.getAsBoolean()) {
                return new UpsertOutcome.Stopped();
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new UpsertOutcome.Stopped();
            }
        }
        slices.add(List.copyOf(rows));
        List<Delivery> deliveries = new ArrayList<>();
        for (Upsert row : rows) {
            if (refused.contains(row.eventId())) {
                deliveries.add(new Delivery.GaveUp(1, "the database refused event " + row.eventId()));
            } else {
                if (applied.stream().noneMatch(done -> done.eventId().equals(row.eventId()))) {
                    applied.add(row);
                }
                deliveries.add(new Delivery.Delivered(1));
            }
        }
        return new UpsertOutcome.Done(deliveries);
    }

    @Override
    public void close() {
        closed = true;
    }
}
