package dev.flows.engine.runtime;

import dev.flows.api.channel.Channel;
import dev.flows.api.channel.ChannelRecord;
import dev.flows.api.channel.SequencedAppend;
import dev.flows.api.error.FlowsException;
import dev.flows.api.event.EventFormat;
import dev.flows.api.state.StateStore;
import dev.flows.api.state.StateUpdate;
import dev.flows.api.system.SystemEvent;
import dev.flows.api.system.SystemEvents;
import dev.flows.engine.expression.ExpressionException;
import dev.flows.engine.format.JsonValues;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one flow over its inputs: reads batches from the committed offsets, runs the pipeline on each event,
 * writes what it emits, and commits. A stateless flow has one task per partition of its source; a stateful
 * one a single task over every partition of its source (and of its join channel), which tracks the
 * watermark per partition.
 *
 * <p>Exactly once into the embedded log: every channel append is idempotent, made as this task's producer
 * with a sequence number the log deduplicates on. A stateless task numbers an output by the offset of the
 * input it came from, so a replay after a crash regenerates the same numbers; it appends, then commits table
 * rows and offsets in one state-store update. A stateful task's outputs depend on the interleaving of its
 * partitions, which a replay does not reproduce, so it writes them to an outbox in the same update as its
 * state and offsets (a checkpoint), appends them after, and deletes them; at start it first re-appends an
 * outbox a crash left behind.
 *
 * <p>Runs on its own (virtual) thread until {@link #stop()}; it is never interrupted, because an interrupt
 * would close the log's file channels under other readers, so it polls a flag between bounded waits.
 */
final class FlowTask implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(FlowTask.class);
    private static final int BATCH_RECORDS = 500;
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(1);
    /** Outputs per input record a stateless task can number: the low bits of a sequence number. */
    private static final int OUTPUT_BITS = 20;

    private static final String OUTBOX_PREFIX = "flows.outbox.";
    private static final String META_PREFIX = "flows.meta.";

    /** One input partition of the task. */
    record Input(Channel channel, int partition, boolean joined) {}

    private final CompiledFlow flow;
    private final List<Input> inputs;
    private final StateStore state;
    private final EventFormat format;
    private final Clock clock;
    private final FlowCounters counters;
    private final SystemEvents systemEvents;
    private final String producerId;
    private final long[] positions;
    private final Outbox outbox;
    private final String metaTable;
    private final EventScanner scanner = new EventScanner();
    private Pipeline pipeline;
    private WatermarkTracker watermarks;
    private long nextSequence;
    private volatile boolean running = true;
    private volatile boolean failed;

    FlowTask(
            CompiledFlow flow,
            List<Input> inputs,
            String producerId,
            StateStore state,
            EventFormat format,
            Clock clock,
            FlowCounters counters,
            SystemEvents systemEvents) {
        this.flow = flow;
        this.systemEvents = systemEvents;
        this.inputs = List.copyOf(inputs);
        this.producerId = producerId;
        this.state = state;
        this.format = format;
        this.clock = clock;
        this.counters = counters;
        this.positions = new long[inputs.size()];
        String id = producerId.replace(':', '.');
        this.outbox = new Outbox(OUTBOX_PREFIX + id, state);
        this.metaTable = META_PREFIX + id;
    }

    /** Asks the task to finish its current batch and return. */
    void stop() {
        running = false;
    }

    private boolean stopping() {
        return !running;
    }

    /** Whether a step with {@code on-error: fail} stopped the task. */
    boolean failed() {
        return failed;
    }

    /** Input records not yet processed. */
    long lag() {
        long lag = 0;
        for (int i = 0; i < inputs.size(); i++) {
            Input input = inputs.get(i);
            lag += Math.max(0, input.channel().endOffset(input.partition()) - positions[i]);
        }
        return lag;
    }

    /** Keys held by the stateful steps, for status. */
    long stateSize() {
        Pipeline current = pipeline;
        return current == null ? 0 : current.stateSize();
    }

    @Override
    public void run() {
        String reported = null;
        while (running) {
            try {
                start();
                loop();
            } catch (StepFailedException e) {
                counters.lastError = e.getMessage();
                failed = true;
                LOG.error("flow '{}' stopped: {}", flow.name(), e.getMessage());
                systemEvents.publish(SystemEvent.flowFailed(flow.name(), e.getMessage()));
                return;
            } catch (FlowsException e) {
                counters.lastError = e.getMessage();
                if (!Objects.equals(e.getMessage(), reported)) {
                    // Once per distinct cause: a task that keeps failing the same way restarts every second.
                    reported = e.getMessage();
                    systemEvents.publish(SystemEvent.flowFailed(flow.name(), e.getMessage()));
                }
                LOG.error(
                        "flow '{}' task {}: failed, restarting from the last commit in {}: {}",
                        flow.name(),
                        producerId,
                        RETRY_AFTER_FAILURE,
                        e.getMessage());
                pause();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** (Re)starts from the last commit: offsets, keyed state, watermark, and any outbox a crash left. */
    private void start() {
        for (int i = 0; i < inputs.size(); i++) {
            Input input = inputs.get(i);
            positions[i] = state.committedOffset(flow.name(), input.channel().name(), input.partition())
                    .orElse(input.channel().startOffset(input.partition()));
        }
        pipeline = flow.newPipeline(counters);
        if (!flow.stateful()) {
            return;
        }
        pipeline.restore(state);
        long now = clock.millis();
        var time = flow.flow().time();
        watermarks = new WatermarkTracker(
                inputs.size(),
                time.maxOutOfOrder().toMillis(),
                time.idleTimeout().toMillis(),
                now);
        for (int i = 0; i < inputs.size(); i++) {
            long seen = meta("maxseen." + i, Long.MIN_VALUE);
            if (seen != Long.MIN_VALUE) {
                watermarks.restore(i, seen);
            }
        }
        nextSequence = meta("sequence", 0);
        long watermark = meta("watermark", Long.MIN_VALUE);
        if (watermark != Long.MIN_VALUE) {
            pipeline.advance(watermark);
            pipeline.drain(); // what it emits was emitted before the checkpoint
        }
        redeliverOutbox();
    }

    private void loop() throws InterruptedException {
        while (running) {
            boolean any = false;
            for (int i = 0; i < inputs.size() && running; i++) {
                Input input = inputs.get(i);
                List<ChannelRecord> records = input.channel().read(input.partition(), positions[i], BATCH_RECORDS);
                if (!records.isEmpty()) {
                    any = true;
                    process(i, records);
                }
            }
            if (flow.stateful()) {
                pipeline.advance(watermark());
                if (any || pipeline.hasEmissions()) {
                    checkpoint();
                }
            }
            if (!any) {
                Input first = inputs.getFirst();
                first.channel()
                        .awaitRecords(first.partition(), positions[0], inputs.size() == 1 ? POLL : POLL.dividedBy(4));
            }
        }
    }

    private void process(int index, List<ChannelRecord> records) throws InterruptedException {
        Input input = inputs.get(index);
        Batch batch = flow.stateful() ? null : new Batch(flow, state, format, clock.millis(), counters, this::stopping);
        long next = positions[index];
        for (ChannelRecord record : records) {
            if (!running) {
                break; // stop promptly: commit what is done, the rest is read again at the next start
            }
            next = record.offset() + 1;
            counters.processed.increment();
            FlowEvent event = FlowEvent.ofJson(record.value(), scanner);
            if (input.joined()) {
                event.markJoined();
            }
            if (flow.stateful()) {
                if (assignTime(index, event)) {
                    pipeline.accept(event);
                }
            } else {
                pipeline.accept(event);
                int k = 0;
                for (Emission emission : pipeline.drain()) {
                    if (k == 1 << OUTPUT_BITS) {
                        throw new ExpressionException(
                                "flow '" + flow.name() + "': one event made more than " + (1 << OUTPUT_BITS)
                                        + " outputs; split it into smaller ones",
                                null);
                    }
                    batch.add(emission, (record.offset() << OUTPUT_BITS) | k++);
                }
            }
        }
        if (batch != null && !batch.deliverRows()) {
            return; // stopping: nothing of this batch is committed, the next start reads it again
        }
        positions[index] = next;
        if (batch != null) {
            batch.appendAll(producerId);
            state.apply(new StateUpdate(
                    batch.puts(),
                    List.of(new StateUpdate.OffsetCommit(
                            flow.name(), input.channel().name(), input.partition(), next))));
        }
    }

    /** The watermark now: the clock in processing time, else what the input partitions say. */
    private long watermark() {
        long now = clock.millis();
        return flow.eventTime().processing() ? now : watermarks.current(now);
    }

    /** Reads the event's time into it and the watermark tracker; an event without one is dead-lettered. */
    private boolean assignTime(int index, FlowEvent event) {
        long time;
        try {
            time = flow.eventTime().read(event, clock.millis());
        } catch (ExpressionException e) {
            pipeline.reject(event, e.getMessage());
            return false;
        }
        event.time(time);
        watermarks.observe(index, time, clock.millis());
        return true;
    }

    /** Writes state, offsets, watermark and outputs (to the outbox) at once, then appends and clears the outbox. */
    private void checkpoint() throws InterruptedException {
        Batch batch = new Batch(flow, state, format, clock.millis(), counters, this::stopping);
        for (Emission emission : pipeline.drain()) {
            batch.add(emission, nextSequence++);
        }
        if (!batch.deliverRows()) {
            return; // stopping: the next start restores the last checkpoint and makes these outputs again
        }
        List<StateUpdate.Put> puts = new ArrayList<>(batch.puts());
        pipeline.checkpoint(puts);
        List<StateUpdate.Put> outboxed = new ArrayList<>();
        batch.appends().forEach((channel, records) -> {
            for (SequencedAppend record : records) {
                outboxed.add(outbox.put(channel.name(), record));
            }
        });
        puts.addAll(outboxed);
        puts.add(metaPut("sequence", nextSequence));
        puts.add(metaPut("watermark", pipeline.watermark()));
        for (int i = 0; i < inputs.size(); i++) {
            puts.add(metaPut("maxseen." + i, watermarks.maxSeen(i)));
        }
        List<StateUpdate.OffsetCommit> offsets = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            Input input = inputs.get(i);
            offsets.add(
                    new StateUpdate.OffsetCommit(flow.name(), input.channel().name(), input.partition(), positions[i]));
        }
        state.apply(new StateUpdate(puts, offsets));
        if (!outboxed.isEmpty()) {
            batch.appendAll(producerId);
            state.apply(new StateUpdate(outbox.deletions(outboxed), List.of()));
        }
    }

    /** Appends what the outbox holds (the log drops what it already has), then clears it. */
    private void redeliverOutbox() {
        int redelivered = outbox.redeliver(producerId, this::channelNamed);
        if (redelivered > 0) {
            LOG.info("flow '{}': re-appended {} output(s) left in its outbox by a crash", flow.name(), redelivered);
        }
    }

    private Channel channelNamed(String name) {
        return flow.channel(name);
    }

    private StateUpdate.Put metaPut(String name, long value) {
        return new StateUpdate.Put(metaTable, name, JsonValues.encode(value));
    }

    private long meta(String name, long absent) {
        return state.get(metaTable, name)
                .map(bytes -> ((Number) JsonValues.decode(bytes)).longValue())
                .orElse(absent);
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
