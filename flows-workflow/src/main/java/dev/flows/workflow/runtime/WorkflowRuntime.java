package dev.flows.workflow.runtime;

import dev.flows.api.channel.Append;
import dev.flows.api.channel.Channel;
import dev.flows.api.channel.ChannelBackend;
import dev.flows.api.channel.ChannelRecord;
import dev.flows.api.event.Event;
import dev.flows.api.state.StateStore;
import dev.flows.api.state.TableRow;
import dev.flows.api.workflow.Workflow;
import dev.flows.engine.expression.CelCompiler;
import dev.flows.engine.runtime.SinkFactory;
import dev.flows.workflow.decision.CompiledWorkflow;
import dev.flows.workflow.decision.EventJson;
import dev.flows.workflow.decision.Instance;
import dev.flows.workflow.decision.InstanceCodec;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Every workflow of a flow set, running: one {@link WorkflowTask} per workflow on a platform thread of its own
 * (never interrupted), with a {@link StepRunner} for its outside steps. Answers what the HTTP API asks from
 * durable state only: instances from their committed snapshots, histories from the history channel. Signals
 * and cancellations are appended to the workflow's signal channel, which its task reads like a source, so they
 * take the same durable path as events. Thread-safe.
 */
public final class WorkflowRuntime implements AutoCloseable {

    /**
     * What the runtime needs.
     *
     * @param channels where source, history, signal and emit channels are open
     * @param state    instance snapshots, offsets, outboxes and table rows
     * @param sinks    makes the sinks of webhook and email steps
     * @param cel      compiles the workflows' expressions
     * @param clock    the time of inputs and of timers: inject a virtual one to test
     * @param outbound which addresses http steps may connect to
     */
    public record Context(
            ChannelBackend channels,
            StateStore state,
            SinkFactory sinks,
            CelCompiler cel,
            Clock clock,
            OutboundCheck outbound) {}

    private record Running(Workflow workflow, WorkflowTask task, StepRunner steps, Thread thread) {}

    private final Map<String, Running> running = new LinkedHashMap<>();
    private final Context context;

    private WorkflowRuntime(Context context) {
        this.context = context;
    }

    /** The state-store table of a workflow's instance snapshots, keyed by instance key. */
    public static String instancesTable(String workflow) {
        return "flows.workflow." + workflow + ".instances";
    }

    /**
     * Starts every workflow. Their channels must be open in {@code context.channels()}.
     *
     * @throws dev.flows.api.error.FlowDefinitionException if an expression does not compile (lint says so first)
     */
    public static WorkflowRuntime start(List<Workflow> workflows, Context context) {
        WorkflowRuntime runtime = new WorkflowRuntime(context);
        try {
            for (Workflow workflow : workflows) {
                CompiledWorkflow compiled = new CompiledWorkflow(workflow, context.cel());
                StepRunner steps = new StepRunner(workflow.name(), context.sinks(), context.outbound());
                WorkflowTask task =
                        new WorkflowTask(compiled, context.channels(), context.state(), context.clock(), steps);
                Thread thread = Thread.ofPlatform()
                        .name("workflow-" + workflow.name())
                        .daemon()
                        .start(task);
                runtime.running.put(workflow.name(), new Running(workflow, task, steps, thread));
            }
        } catch (RuntimeException e) {
            runtime.close();
            throw e;
        }
        return runtime;
    }

    /** The running workflows, in the order of the flow set. */
    public List<Workflow> workflows() {
        return running.values().stream().map(Running::workflow).toList();
    }

    /** The workflow of that name, if it runs here. */
    public Optional<Workflow> workflow(String name) {
        return Optional.ofNullable(running.get(name)).map(Running::workflow);
    }

    /** An instance as last committed; empty when the key has none. */
    public Optional<Instance> instance(String workflow, String key) {
        return context.state().get(instancesTable(workflow), key).map(InstanceCodec::decode);
    }

    /**
     * Instances in key order, as last committed.
     *
     * @param state     only those in this state; null for all
     * @param keyPrefix only keys starting with it; "" for all
     * @param after     only keys after it (the cursor of the previous page); "" to start
     * @param limit     at most this many
     */
    public List<Instance> instances(String workflow, String state, String keyPrefix, String after, int limit) {
        List<Instance> found = new ArrayList<>();
        String cursor = after;
        while (found.size() < limit) {
            List<TableRow> rows = context.state().scan(instancesTable(workflow), cursor, 500);
            for (TableRow row : rows) {
                cursor = row.key();
                if (!row.key().startsWith(keyPrefix)) {
                    if (row.key().compareTo(keyPrefix) > 0) {
                        return found; // past every key with the prefix
                    }
                    continue;
                }
                Instance instance = InstanceCodec.decode(row.value());
                if (state == null || state.equals(instance.state())) {
                    found.add(instance);
                    if (found.size() == limit) {
                        return found;
                    }
                }
            }
            if (rows.size() < 500) {
                break;
            }
        }
        return found;
    }

    /** The history records of one instance, oldest first (empty when it has none). */
    public List<Event> history(String workflow, String key) {
        Channel channel = channel(Workflow.historyChannel(workflow));
        List<Event> history = new ArrayList<>();
        byte[] wanted = key.getBytes(StandardCharsets.UTF_8);
        for (int p = 0; p < channel.partitions(); p++) {
            long offset = channel.startOffset(p);
            for (List<ChannelRecord> records = channel.read(p, offset, 1_000);
                    !records.isEmpty();
                    records = channel.read(p, offset, 1_000)) {
                for (ChannelRecord record : records) {
                    if (java.util.Arrays.equals(record.key(), wanted)) {
                        history.add(EventJson.decode(record.value()));
                    }
                    offset = record.offset() + 1;
                }
            }
        }
        return history;
    }

    /**
     * Sends a signal to an instance: appended durably to the workflow's signal channel before this returns; the
     * instance takes it in order with its other inputs.
     *
     * @param data the signal's data, a JSON-like value or null
     */
    public void signal(String workflow, String key, String signal, Object data) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("signal", Objects.requireNonNull(signal, "signal"));
        body.put("data", data);
        append(workflow, key, WorkflowTask.SIGNAL_TYPE, body);
    }

    /** Asks an instance to cancel: it compensates what it did, then ends cancelled. Durable before this returns. */
    public void cancel(String workflow, String key, String reason) {
        append(workflow, key, WorkflowTask.CANCEL_TYPE, Map.of("reason", reason));
    }

    private void append(String workflow, String key, String type, Object data) {
        Event event = new Event(
                UUID.randomUUID().toString(),
                "/workflows/" + workflow + "/signals",
                type,
                Event.SPEC_VERSION,
                key,
                context.clock().instant(),
                "application/json",
                null,
                Map.of(),
                data);
        channel(Workflow.signalChannel(workflow))
                .append(List.of(new Append(
                        key.getBytes(StandardCharsets.UTF_8),
                        EventJson.encode(event),
                        context.clock().millis())));
    }

    private Channel channel(String name) {
        return context.channels()
                .find(name)
                .orElseThrow(() -> new IllegalStateException("channel '" + name + "' is not open"));
    }

    /** Stops every task (between two batches) and its outside steps. */
    @Override
    public void close() {
        running.values().forEach(run -> run.task().stop());
        for (Running run : running.values()) {
            try {
                run.thread().join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            run.steps().close();
        }
    }
}
