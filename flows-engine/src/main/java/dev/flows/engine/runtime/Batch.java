package dev.flows.engine.runtime;

import dev.flows.api.channel.Append;
import dev.flows.api.channel.Channel;
import dev.flows.api.channel.SequencedAppend;
import dev.flows.api.event.Event;
import dev.flows.api.event.EventFormat;
import dev.flows.api.sink.Delivery;
import dev.flows.api.state.StateStore;
import dev.flows.api.state.StateUpdate;
import dev.flows.engine.expression.EventVariables;
import dev.flows.engine.expression.ExpressionException;
import dev.flows.engine.format.JsonValues;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a flow task has produced and not yet written: channel appends, each with the producer sequence
 * number that makes it idempotent, and table rows. Outside sinks are called as emissions arrive (their
 * guarantee is at least once). Table reads see the batch's own writes first. Confined to one thread.
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

    Batch(CompiledFlow flow, StateStore state, EventFormat format, long timestampMs, FlowCounters counters) {
        this.flow = flow;
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
            case Output.ToTable to -> upsert(to, event, sequence);
            case Output.ToPush to -> push(to, event, sequence);
            case Output.ToSink to -> {
                if (to.sink().deliver(event.event()) instanceof Delivery.GaveUp gaveUp) {
                    deadLetter(to.deadLetter(), event, gaveUp.reason(), sequence);
                    return;
                }
            }
        }
        counters.emitted.increment();
    }

    /** The appends by channel, in the order they were made. */
    Map<Channel, List<SequencedAppend>> appends() {
        return appends;
    }

    /** The table rows written, as state-store puts. */
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

    private void upsert(Output.ToTable to, FlowEvent event, long sequence) {
        try {
            Map<String, Object> variables = event.variables();
            String key = Keys.of(to.key(), to.key().evaluate(variables), "the key of table '" + to.table() + "'");
            Object previous = row(to.table(), key);
            Object value = to.set().isEmpty() ? event.event().data() : merged(to, variables, previous);
            rows.put(to.table() + '\u0000' + key, value);
            puts.add(new StateUpdate.Put(to.table(), key, JsonValues.encode(value)));
        } catch (ExpressionException e) {
            deadLetter(flow.deadLetterOutput(), event, e.getMessage(), sequence);
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
        LOG.warn(
                "flow '{}' sent event {} to dead-letter channel '{}': {}",
                flow.name(),
                event.event().id(),
                channel.name(),
                reason);
        Event dead = DeadLetter.of(event.event(), flow.name(), reason);
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

    /** The previous row with the computed fields written over it; each field sees the previous row as {@code row}. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> merged(Output.ToTable to, Map<String, Object> variables, Object previous) {
        Map<String, Object> before = previous instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
        Map<String, Object> withRow = EventVariables.with(variables, CompiledFlow.ROW, before);
        Map<String, Object> row = new LinkedHashMap<>(before);
        for (Assignment field : to.set()) {
            row.put(field.path(), field.value().evaluate(withRow));
        }
        return row;
    }
}
