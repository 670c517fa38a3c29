package dev.flows.engine.runtime;

import dev.flows.api.channel.Channel;
import dev.flows.api.channel.ChannelRecord;
import dev.flows.api.error.FlowsException;
import dev.flows.api.error.InvalidEventException;
import dev.flows.api.event.Event;
import dev.flows.api.event.EventFormat;
import dev.flows.api.sink.Delivery;
import dev.flows.api.state.StateStore;
import dev.flows.api.state.StateUpdate;
import dev.flows.engine.expression.EventVariables;
import dev.flows.engine.expression.ExpressionException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one flow over one partition of its source channel: reads a batch from the committed offset, runs the
 * steps on each event, writes the outputs, and commits the offset with the table rows. Runs on its own
 * (virtual) thread until {@link #stop()}; it is never interrupted, because an interrupt would close the log's
 * file channels under other readers, so it polls a flag between bounded waits instead.
 */
final class PartitionTask implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(PartitionTask.class);
    private static final int BATCH_RECORDS = 500;
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(1);

    private final CompiledFlow flow;
    private final int partition;
    private final StateStore state;
    private final EventFormat format;
    private final Clock clock;
    private final FlowCounters counters;
    private volatile boolean running = true;
    private volatile long position;

    PartitionTask(
            CompiledFlow flow,
            int partition,
            StateStore state,
            EventFormat format,
            Clock clock,
            FlowCounters counters) {
        this.flow = flow;
        this.partition = partition;
        this.state = state;
        this.format = format;
        this.clock = clock;
        this.counters = counters;
    }

    /** Asks the task to finish its current batch and return. */
    void stop() {
        running = false;
    }

    /** Input records of this partition not yet processed. */
    long lag() {
        return Math.max(0, flow.source().endOffset(partition) - position);
    }

    @Override
    public void run() {
        Channel source = flow.source();
        position = committedOffset(source);
        while (running) {
            try {
                List<ChannelRecord> records = source.read(partition, position, BATCH_RECORDS);
                if (records.isEmpty()) {
                    source.awaitRecords(partition, position, POLL);
                    continue;
                }
                long next = process(records);
                position = next;
            } catch (FlowsException e) {
                counters.lastError = e.getMessage();
                LOG.error(
                        "flow '{}' partition {}: batch from offset {} failed, retrying in {}: {}",
                        flow.name(),
                        partition,
                        position,
                        RETRY_AFTER_FAILURE,
                        e.getMessage());
                pause();
                position = committedOffset(source);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private long committedOffset(Channel source) {
        return state.committedOffset(flow.name(), source.name(), partition).orElse(source.startOffset(partition));
    }

    private long process(List<ChannelRecord> records) throws InterruptedException {
        Batch batch = new Batch(state, format, clock.millis());
        long next = records.getFirst().offset();
        for (ChannelRecord record : records) {
            if (!running) {
                break; // stop promptly: commit what is done, the rest is read again at the next start
            }
            next = record.offset() + 1;
            counters.processed.increment();
            Event event;
            try {
                event = format.decode(record.value());
            } catch (InvalidEventException e) {
                // Ingest validates every event, so this is a damaged record: skip it rather than stall the flow.
                counters.lastError = "record " + record.offset() + " of "
                        + flow.source().name() + "/" + partition + " is not a valid event, skipped: " + e.getMessage();
                LOG.error("flow '{}': {}", flow.name(), counters.lastError);
                continue;
            }
            handle(event, batch);
        }
        batch.commit(new StateUpdate.OffsetCommit(flow.name(), flow.source().name(), partition, next));
        return next;
    }

    private void handle(Event event, Batch batch) throws InterruptedException {
        List<Emission> emissions;
        try {
            emissions = flow.process(event);
        } catch (ExpressionException e) {
            deadLetter(batch, flow.deadLetter(), event, e.getMessage());
            return;
        }
        for (Emission emission : emissions) {
            deliver(emission, batch);
        }
    }

    private void deliver(Emission emission, Batch batch) throws InterruptedException {
        Event event = emission.event();
        switch (emission.output()) {
            case Output.ToChannel to -> batch.append(to.channel(), event);
            case Output.ToTable to -> upsert(to, event, batch);
            case Output.ToSink to -> {
                if (to.sink().deliver(event) instanceof Delivery.GaveUp gaveUp) {
                    deadLetter(batch, to.deadLetter(), event, gaveUp.reason());
                    return;
                }
            }
        }
        counters.emitted.increment();
    }

    private void upsert(Output.ToTable to, Event event, Batch batch) {
        try {
            Map<String, Object> variables = EventVariables.of(event);
            String key = rowKey(to, variables);
            Object previous = batch.row(to.table(), key);
            batch.put(to.table(), key, to.set().isEmpty() ? event.data() : merged(to, variables, previous));
        } catch (ExpressionException e) {
            deadLetter(batch, flow.deadLetter(), event, e.getMessage());
        }
    }

    private static String rowKey(Output.ToTable to, Map<String, Object> variables) {
        Object key = to.key().evaluate(variables);
        if (key instanceof String || key instanceof Number || key instanceof Boolean) {
            return key.toString();
        }
        throw new ExpressionException(
                to.key().source().location() + ": the key of table '" + to.table()
                        + "', `" + to.key().source().text() + "`, gave " + (key == null ? "null" : "a " + kind(key))
                        + "; a row key must be a string or a number, guard it with has(...) or convert it with string(...)",
                null);
    }

    /** The previous row with the computed fields written over it; each field sees the previous row as {@code row}. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> merged(Output.ToTable to, Map<String, Object> variables, Object previous) {
        Map<String, Object> before = previous instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
        Map<String, Object> withRow = new HashMap<>(variables);
        withRow.put(CompiledFlow.ROW, before);
        Map<String, Object> row = new LinkedHashMap<>(before);
        for (Assignment field : to.set()) {
            row.put(field.path(), field.value().evaluate(withRow));
        }
        return row;
    }

    private void deadLetter(Batch batch, Channel channel, Event event, String reason) {
        LOG.warn(
                "flow '{}' sent event {} to dead-letter channel '{}': {}",
                flow.name(),
                event.id(),
                channel.name(),
                reason);
        batch.append(channel, DeadLetter.of(event, flow.name(), reason));
        counters.deadLettered.increment();
    }

    private static String kind(Object value) {
        return value instanceof Map
                ? "map"
                : value instanceof List ? "list" : value.getClass().getSimpleName();
    }

    private void pause() {
        try {
            Thread.sleep(RETRY_AFTER_FAILURE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
