package dev.flows.workflow.runtime;

import dev.flows.api.channel.Append;
import dev.flows.api.channel.Channel;
import dev.flows.api.channel.ChannelBackend;
import dev.flows.api.channel.ChannelRecord;
import dev.flows.api.channel.SequencedAppend;
import dev.flows.api.event.Event;
import dev.flows.api.state.StateStore;
import dev.flows.api.state.StateUpdate;
import dev.flows.api.state.TableRow;
import dev.flows.api.workflow.Workflow;
import dev.flows.engine.format.JsonValues;
import dev.flows.engine.runtime.Outbox;
import dev.flows.workflow.decision.Command;
import dev.flows.workflow.decision.CompiledWorkflow;
import dev.flows.workflow.decision.Decider;
import dev.flows.workflow.decision.Decision;
import dev.flows.workflow.decision.EventJson;
import dev.flows.workflow.decision.Input;
import dev.flows.workflow.decision.Instance;
import dev.flows.workflow.decision.InstanceCodec;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one workflow: reads every partition of its source channels and its signal channel from the committed
 * offsets, fires due timers, takes back the outcomes of outside steps, feeds each input to the {@link Decider},
 * and commits the changed instances, the offsets, table rows, the next sequence number and an outbox of history
 * records and emits in one state-store update; then appends the outbox idempotently (producer {@code
 * workflow:<name>}, one sequence over all its channels), clears it with the next commit (re-appending is harmless,
 * and it saves an update per batch), and only then starts the outside steps the batch asked for. A restart re-appends a leftover outbox first, then reloads instances and timers from the
 * snapshots and starts again the outside steps that were in flight. One thread; never interrupted (it stops by a
 * flag between bounded waits, like flow tasks).
 */
final class WorkflowTask implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(WorkflowTask.class);
    private static final int MAX_RECORDS = 500;
    private static final int MAX_TIMERS = 2_000;
    private static final long IDLE_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    private static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(1);

    /** Signal-channel event types: a signal for an instance, and a cancellation. */
    static final String SIGNAL_TYPE = "flows.workflow.signal";

    static final String CANCEL_TYPE = "flows.workflow.cancel";

    private final Workflow workflow;
    private final CompiledWorkflow compiled;
    private final Decider decider;
    private final ChannelBackend channels;
    private final StateStore state;
    private final Clock clock;
    private final StepRunner steps;
    private final String producerId;
    private final String consumer;
    private final String instancesTable;
    private final Outbox outbox;
    private final String metaTable;
    private final List<Channel> sources = new ArrayList<>();
    private final Channel signals;
    private final Map<String, Instance> instances = new HashMap<>();
    private final TimerQueue timers = new TimerQueue();
    private final Map<String, long[]> positions = new LinkedHashMap<>();
    private long nextSequence;
    /** Outbox entries appended but not yet cleared: the next commit deletes them (a re-append is harmless). */
    private List<StateUpdate.Put> appended = List.of();

    private boolean loaded;
    private volatile boolean running = true;

    WorkflowTask(CompiledWorkflow compiled, ChannelBackend channels, StateStore state, Clock clock, StepRunner steps) {
        this.workflow = compiled.workflow();
        this.compiled = compiled;
        this.decider = new Decider(compiled);
        this.channels = channels;
        this.state = state;
        this.clock = clock;
        this.steps = steps;
        this.producerId = "workflow:" + workflow.name();
        this.consumer = "workflow." + workflow.name();
        this.instancesTable = WorkflowRuntime.instancesTable(workflow.name());
        this.outbox = new Outbox("flows.outbox.workflow." + workflow.name(), state);
        this.metaTable = "flows.meta.workflow." + workflow.name();
        for (String name : workflow.from()) {
            sources.add(channel(name));
        }
        this.signals = channel(workflow.signalChannel());
    }

    private Channel channel(String name) {
        return channels.find(name)
                .orElseThrow(() -> new IllegalStateException("workflow '" + workflow.name() + "' uses channel '" + name
                        + "', which is not open; the flow directory declares it, so open its channels first"));
    }

    @Override
    public void run() {
        while (running) {
            try {
                if (!loaded) {
                    recover();
                }
                if (!step()) {
                    idle();
                }
            } catch (RuntimeException e) {
                LOG.error(
                        "workflow '{}' failed; it restarts from its last commit in {}",
                        workflow.name(),
                        RETRY_AFTER_FAILURE,
                        e);
                loaded = false;
                LockSupport.parkNanos(RETRY_AFTER_FAILURE.toNanos());
            }
        }
        try {
            clearAppended(); // a clean stop leaves no outbox to re-append
        } catch (RuntimeException e) {
            LOG.warn(
                    "workflow '{}': its appended outbox was not cleared at stop ({}); the next start re-appends it,"
                            + " which stores nothing twice",
                    workflow.name(),
                    e.toString());
        }
    }

    void stop() {
        running = false;
    }

    /** (Re)starts from the last commit: outbox, sequence, instances, timers, steps in flight, offsets. */
    private void recover() {
        nextSequence = meta("sequence");
        appended = List.of();
        redeliverOutbox();
        instances.clear();
        timers.clear();
        String after = "";
        List<TableRow> rows;
        int pending = 0;
        do {
            rows = state.scan(instancesTable, after, 1_000);
            for (TableRow row : rows) {
                Instance instance = InstanceCodec.decode(row.value());
                instances.put(instance.key(), instance);
                instance.timers().forEach(timer -> timers.add(timer.due(), instance.key(), timer.id()));
                if (decider.pendingCall(instance).isPresent()) {
                    steps.start(decider.pendingCall(instance).get());
                    pending++;
                }
                after = row.key();
            }
        } while (rows.size() == 1_000);
        positions.clear();
        for (Channel channel : sources) {
            positions.put(channel.name(), committed(channel));
        }
        positions.put(signals.name(), committed(signals));
        loaded = true;
        LOG.info(
                "workflow '{}' started: {} instance(s), {} timer(s), {} step(s) in flight started again",
                workflow.name(),
                instances.size(),
                timers.size(),
                pending);
    }

    private long[] committed(Channel channel) {
        long[] next = new long[channel.partitions()];
        for (int p = 0; p < next.length; p++) {
            next[p] = state.committedOffset(consumer, channel.name(), p).orElse(channel.startOffset(p));
        }
        return next;
    }

    /** One batch: whatever inputs there are, decided and committed. Whether there were any. */
    private boolean step() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        List<Input> inputs = new ArrayList<>();
        for (StepRunner.Outcome outcome : steps.drain()) {
            inputs.add(new Input.StepOutcome(
                    outcome.key(), outcome.step(), outcome.ok(), outcome.attempts(), outcome.detail(), now));
        }
        for (TimerQueue.Entry due : timers.due(now, MAX_TIMERS)) {
            inputs.add(new Input.TimerFired(due.key(), due.timer(), due.due(), now));
        }
        Map<String, long[]> read = new LinkedHashMap<>();
        readSignals(now, inputs, read);
        for (Channel channel : sources) {
            readSource(channel, now, inputs, read);
        }
        if (inputs.isEmpty() && read.isEmpty()) {
            clearAppended();
            return false;
        }
        commit(inputs, read);
        return true;
    }

    private void readSignals(Instant now, List<Input> inputs, Map<String, long[]> read) {
        long[] next = positions.get(signals.name()).clone();
        List<ChannelRecord> records = signals.read(0, next[0], MAX_RECORDS);
        for (ChannelRecord record : records) {
            next[0] = record.offset() + 1;
            Event event;
            try {
                event = EventJson.decode(record.value());
            } catch (RuntimeException e) {
                continue; // only the runtime appends here; a damaged record is skipped, as the log never serves one
            }
            Map<?, ?> data = event.data() instanceof Map<?, ?> map ? map : Map.of();
            if (event.type().equals(CANCEL_TYPE)) {
                inputs.add(new Input.Cancel(event.subject(), String.valueOf(data.get("reason")), now));
            } else if (event.type().equals(SIGNAL_TYPE)) {
                Event signal = new Event(
                        event.id(),
                        event.source(),
                        String.valueOf(data.get("signal")),
                        Event.SPEC_VERSION,
                        event.subject(),
                        event.time(),
                        "application/json",
                        null,
                        Map.of(),
                        data.get("data"));
                inputs.add(new Input.Signal(event.subject(), signal, now));
            }
        }
        if (!records.isEmpty()) {
            read.put(signals.name(), next);
        }
    }

    private void readSource(Channel channel, Instant now, List<Input> inputs, Map<String, long[]> read) {
        long[] next = positions.get(channel.name()).clone();
        boolean any = false;
        for (int p = 0; p < next.length; p++) {
            for (ChannelRecord record : channel.read(p, next[p], MAX_RECORDS)) {
                next[p] = record.offset() + 1;
                any = true;
                Event event;
                try {
                    event = EventJson.decode(record.value());
                } catch (RuntimeException e) {
                    continue; // not an event: no workflow input
                }
                decider.keyOf(event).ifPresent(key -> inputs.add(new Input.Received(key, event, now)));
            }
        }
        if (any) {
            read.put(channel.name(), next);
        }
    }

    private record Outgoing(String channel, String key, Event event) {}

    private void commit(List<Input> inputs, Map<String, long[]> read) {
        Map<String, Instance> changed = new LinkedHashMap<>();
        List<Outgoing> outgoing = new ArrayList<>();
        List<Command.Call> calls = new ArrayList<>();
        TableWrites tables = new TableWrites(state, compiled);
        for (Input input : inputs) {
            Decision decision = decider.decide(instances.get(input.key()), input);
            if (!decision.changed()) {
                continue;
            }
            Instance instance = decision.instance();
            instances.put(instance.key(), instance);
            changed.put(instance.key(), instance);
            decision.records()
                    .forEach(record -> outgoing.add(new Outgoing(workflow.historyChannel(), instance.key(), record)));
            for (Command command : decision.commands()) {
                switch (command) {
                    case Command.Emit emit -> outgoing.add(new Outgoing(emit.channel(), instance.key(), emit.event()));
                    case Command.UpdateTable update -> tables.apply(update);
                    case Command.Call call -> calls.add(call);
                }
            }
            decision.scheduled().forEach(timer -> timers.add(timer.due(), instance.key(), timer.id()));
        }
        if (tables.failures() > 0) {
            LOG.warn(
                    "workflow '{}': {} table step(s) changed no row (no key, or an expression failed)",
                    workflow.name(),
                    tables.failures());
        }
        List<StateUpdate.Put> puts = new ArrayList<>();
        changed.forEach(
                (key, instance) -> puts.add(new StateUpdate.Put(instancesTable, key, InstanceCodec.encode(instance))));
        puts.addAll(tables.puts());
        Map<String, List<SequencedAppend>> appends = new LinkedHashMap<>();
        List<StateUpdate.Put> outboxed = new ArrayList<>();
        for (Outgoing out : outgoing) {
            long sequence = nextSequence++;
            byte[] value = EventJson.encode(out.event());
            long timestamp = out.event().time() == null
                    ? clock.millis()
                    : out.event().time().toEpochMilli();
            SequencedAppend append = new SequencedAppend(
                    new Append(out.key().getBytes(StandardCharsets.UTF_8), value, timestamp), sequence);
            appends.computeIfAbsent(out.channel(), c -> new ArrayList<>()).add(append);
            outboxed.add(outbox.put(out.channel(), append));
        }
        puts.addAll(outbox.deletions(appended));
        puts.addAll(outboxed);
        puts.add(new StateUpdate.Put(metaTable, "sequence", JsonValues.encode(nextSequence)));
        List<StateUpdate.OffsetCommit> offsets = new ArrayList<>();
        read.forEach((channel, next) -> {
            for (int p = 0; p < next.length; p++) {
                offsets.add(new StateUpdate.OffsetCommit(consumer, channel, p, next[p]));
            }
        });
        state.apply(new StateUpdate(puts, offsets));
        positions.putAll(read);
        appended = outboxed;
        appends.forEach((channel, records) -> channel(channel).append(producerId, records));
        calls.forEach(steps::start);
    }

    /** Deletes the outbox entries already appended, when no commit came to take them along. */
    private void clearAppended() {
        if (!appended.isEmpty()) {
            state.apply(new StateUpdate(outbox.deletions(appended), List.of()));
            appended = List.of();
        }
    }

    /** Appends what the outbox holds (the log drops what it already has), then clears it. */
    private void redeliverOutbox() {
        int redelivered = outbox.redeliver(producerId, this::channel);
        if (redelivered > 0) {
            LOG.info(
                    "workflow '{}': re-appended {} record(s) left in its outbox (a crash, or a stop before it was"
                            + " cleared)",
                    workflow.name(),
                    redelivered);
        }
    }

    private long meta(String name) {
        return state.get(metaTable, name)
                .map(bytes -> ((Number) JsonValues.decode(bytes)).longValue())
                .orElse(0L);
    }

    /** Waits a little for new records or the next timer: at most 10 ms, so a timer fires within that of its due. */
    private void idle() {
        Instant next = timers.next();
        long nanos = IDLE_WAIT_NANOS;
        if (next != null) {
            long untilDue = Duration.between(clock.instant(), next).toNanos();
            nanos = Math.max(0, Math.min(nanos, untilDue));
        }
        if (nanos > 0) {
            LockSupport.parkNanos(nanos);
        }
    }
}
