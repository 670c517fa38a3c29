package dev.flows.engine.runtime;

import dev.flows.api.channel.Append;
import dev.flows.api.channel.Channel;
import dev.flows.api.channel.SequencedAppend;
import dev.flows.api.event.Event;
import dev.flows.api.event.EventFormat;
import dev.flows.api.sink.Delivery;
import dev.flows.api.state.StateStore;
import dev.flows.api.state.StateUpdate;
import dev.flows.engine.expression.ExpressionException;
import dev.flows.engine.format.JsonValues;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a flow task has produced and not yet written: channel appends, each with the producer sequence
 * number that makes it idempotent, table rows, and database rows. Outside sinks are called as emissions arrive
 * (their guarantee is at least once); database rows wait for {@link #deliverRows()}, which writes them in
 * batches. Table reads see the batch's own writes first. Confined to one thread.
 */
final class Batch {

    private static final Logger LOG = LoggerFactory.getLogger(Batch.class);

    private final CompiledFlow flow;
    private final StateStore state;
    private final EventFormat format;
    private final long timestampMs;
    private final FlowCounters counters;
    private final Map<Channel, List<SequencedAppend>> appends = new LinkedHashMap<>();
    private final Map<String, Object> rows = new HashMap<>();
    private final List<StateUpdate.Put> puts = new ArrayList<>();
    private final PendingRows pendingRows = new PendingRows();
    private final BooleanSupplier stopping;

    /**
     * @param stopping true once the task is asked to stop: a database sink then abandons its retries, and
     *     {@link #deliverRows()} answers false
     */
    Batch(
            CompiledFlow flow,
            StateStore state,
            EventFormat format,
            long timestampMs,
            FlowCounters counters,
            BooleanSupplier stopping) {
        this.flow = flow;
        this.stopping = stopping;
        this.state = state;
        this.format = format;
        this.timestampMs = timestampMs;
        this.counters = counters;
    }

    /**
     * Takes one emission.
     *
     * @param sequence the producer sequence number of a channel append it makes
     * @throws InterruptedException if a sink's retry wait is interrupted
     */
    void add(Emission emission, long sequence) throws InterruptedException {
        FlowEvent event = emission.event();
        switch (emission.output()) {
            case Output.ToChannel to -> append(to.channel(), event, sequence);
            case Output.ToTable to -> {
                if (!update(to, event, sequence)) {
                    return;
                }
            }
            case Output.ToDatabase to -> {
                try {
                    pendingRows.add(to, event, sequence, RowValues.of(to.columns(), event.variables()));
                } catch (ExpressionException e) {
                    deadLetter(to.deadLetter(), event, to.name() + ": " + e.getMessage(), sequence);
                    return;
                }
            }
            case Output.ToPush to -> push(to, event, sequence);
            case Output.ToSink to -> {
                if (to.sink().deliver(event.event()) instanceof Delivery.GaveUp gaveUp) {
                    Event dead = DeadLetter.of(event.event(), flow.name(), to.destination(), gaveUp.reason());
                    deadLetter(to.deadLetter(), event, dead, gaveUp.reason(), sequence);
                    return;
                }
            }
        }
        counters.emitted.increment();
    }

    /**
     * Writes the database rows of the batch, each destination's in slices of its batch size; the rows a sink
     * gives up on go to its dead-letter channel, among this batch's appends. Call before {@link #appendAll}.
     *
     * @return false if the task was asked to stop before every row was written or given up on: then nothing of
     *     this batch may be committed (its events are read again at the next start, and the rows already
     *     written are recognised by their event ids)
     */
    boolean deliverRows() {
        boolean done = pendingRows.deliver(
                stopping,
                (output, row, reason) -> deadLetter(output.deadLetter(), row.event(), reason, row.sequence()));
        // A row given up on now is dead-lettered after appends of later emissions (an expression that failed at
        // once); the log takes a producer's records of a partition only in the order of their sequence numbers.
        appends.values().forEach(records -> records.sort(Comparator.comparingLong(SequencedAppend::sequence)));
        return done;
    }

    /** The appends by channel, in the order they were made. */
    Map<Channel, List<SequencedAppend>> appends() {
        return appends;
    }

    /** The table rows written and deleted, as state-store puts logged in the tables' changelogs. */
    List<StateUpdate.Put> puts() {
        return puts;
    }

    /** Appends everything, without producer sequence numbers (nothing replays a local run). */
    void appendAll() {
        appends.forEach((channel, records) ->
                channel.append(records.stream().map(SequencedAppend::record).toList()));
    }

    /** Appends everything, idempotently as {@code producerId}. */
    void appendAll(String producerId) {
        appends.forEach((channel, records) -> channel.append(producerId, records));
    }

    private void append(Channel channel, FlowEvent event, long sequence) {
        append(channel, event, event.partitionKey(), sequence);
    }

    private void append(Channel channel, FlowEvent event, String key, long sequence) {
        byte[] keyBytes = key == null ? null : key.getBytes(StandardCharsets.UTF_8);
        appends.computeIfAbsent(channel, c -> new ArrayList<>())
                .add(new SequencedAppend(new Append(keyBytes, event.encoded(format), timestampMs), sequence));
    }

    /** Changes the event's row; false when the destination does not apply to the event or failed on it. */
    private boolean update(Output.ToTable to, FlowEvent event, long sequence) {
        try {
            Map<String, Object> variables = event.variables();
            if (to.when() != null && !to.when().test(variables)) {
                return false;
            }
            String key = Keys.of(to.key(), to.key().evaluate(variables), "the key of table '" + to.table() + "'");
            RowUpdate.Change change = RowUpdate.of(to, variables, event.event().data(), row(to.table(), key));
            Object value = change instanceof RowUpdate.Change.Write write ? write.row() : null;
            byte[] encoded = change instanceof RowUpdate.Change.Write ? JsonValues.encode(value) : null;
            rows.put(to.table() + '\u0000' + key, value);
            puts.add(StateUpdate.Put.change(to.table(), key, encoded));
            return true;
        } catch (ExpressionException e) {
            deadLetter(flow.deadLetterOutput(), event, e.getMessage(), sequence);
            return false;
        }
    }

    /** Addressed to one subscriber, an event is keyed by it, so that a subscriber's notifications keep their order. */
    private void push(Output.ToPush to, FlowEvent event, long sequence) {
        if (to.user() == null) {
            append(to.channel(), PushAudience.broadcast(event), sequence);
            return;
        }
        try {
            String user =
                    PushAudience.user(to.user(), event.variables(), to.channel().name());
            append(to.channel(), PushAudience.addressed(event, user), user, sequence);
        } catch (ExpressionException e) {
            deadLetter(flow.deadLetterOutput(), event, e.getMessage(), sequence);
        }
    }

    private void deadLetter(Output output, FlowEvent event, String reason, long sequence) {
        Channel channel = ((Output.ToChannel) output).channel();
        deadLetter(channel, event, reason, sequence);
    }

    private void deadLetter(Channel channel, FlowEvent event, String reason, long sequence) {
        deadLetter(channel, event, DeadLetter.of(event.event(), flow.name(), reason), reason, sequence);
    }

    private void deadLetter(Channel channel, FlowEvent event, Event dead, String reason, long sequence) {
        LOG.warn(
                "flow '{}' sent event {} to dead-letter channel '{}': {}",
                flow.name(),
                event.event().id(),
                channel.name(),
                reason);
        append(channel, event.changed(dead), sequence);
        counters.deadLettered.increment();
        flow.deadLettered(event.event().id(), channel.name(), reason);
    }

    /** The current row, as this batch left it or as committed; null when there is none. */
    private Object row(String table, String key) {
        String id = table + '\u0000' + key;
        if (rows.containsKey(id)) {
            return rows.get(id);
        }
        return state.get(table, key).map(JsonValues::decode).orElse(null);
    }
}
