package dev.flows.engine.runtime;

import dev.flows.api.channel.ChannelBackend;
import dev.flows.api.event.EventFormat;
import dev.flows.api.flow.Flow;
import dev.flows.api.flow.FlowSet;
import dev.flows.api.state.StateStore;
import dev.flows.engine.expression.CelCompiler;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a set of flows: one task per flow and partition of its source channel, each on its own virtual
 * thread, resuming from the offsets committed in the state store. The channels the flows use must be open
 * in the backend before {@link #start}. Thread-safe.
 */
public final class FlowRuntime implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FlowRuntime.class);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final Map<String, Running> running;

    private FlowRuntime(Map<String, Running> running) {
        this.running = running;
    }

    /** What the runtime needs from its surroundings; built once by the server's assembly. */
    public record Context(
            ChannelBackend channels,
            StateStore state,
            EventFormat format,
            SinkFactory sinks,
            CelCompiler cel,
            Clock clock) {}

    /**
     * Compiles every flow, then starts them all. Nothing starts if any flow fails to compile.
     *
     * @throws dev.flows.api.error.FlowDefinitionException if an expression does not compile
     * @throws dev.flows.api.error.ConfigurationException if a channel a flow uses is not open
     */
    public static FlowRuntime start(FlowSet flows, Context context) {
        List<CompiledFlow> compiled = new ArrayList<>();
        for (Flow flow : flows.flows()) {
            compiled.add(CompiledFlow.compile(flow, context.channels(), context.cel(), context.sinks()));
        }
        Map<String, Running> running = new LinkedHashMap<>();
        for (CompiledFlow flow : compiled) {
            running.put(flow.name(), Running.start(flow, context));
        }
        LOG.info("started {} flow(s): {}", running.size(), running.keySet());
        return new FlowRuntime(running);
    }

    /** The status of every flow, in start order. */
    public List<FlowStatus> status() {
        return running.values().stream().map(Running::status).toList();
    }

    /** Stops every task after its current batch, waits for them, and closes the flows' sinks. */
    @Override
    public void close() {
        running.values().forEach(Running::stop);
        running.values().forEach(Running::await);
    }

    /** One flow's tasks and threads. */
    private record Running(CompiledFlow flow, FlowCounters counters, List<PartitionTask> tasks, List<Thread> threads) {

        static Running start(CompiledFlow flow, Context context) {
            FlowCounters counters = new FlowCounters();
            List<PartitionTask> tasks = new ArrayList<>();
            List<Thread> threads = new ArrayList<>();
            for (int p = 0; p < flow.source().partitions(); p++) {
                PartitionTask task =
                        new PartitionTask(flow, p, context.state(), context.format(), context.clock(), counters);
                tasks.add(task);
                threads.add(
                        Thread.ofVirtual().name("flow-" + flow.name() + "-" + p).start(task));
            }
            return new Running(flow, counters, tasks, threads);
        }

        FlowStatus status() {
            long lag = tasks.stream().mapToLong(PartitionTask::lag).sum();
            return new FlowStatus(
                    flow.name(),
                    flow.source().name(),
                    counters.processed.sum(),
                    counters.emitted.sum(),
                    counters.deadLettered.sum(),
                    lag,
                    counters.lastError);
        }

        void stop() {
            tasks.forEach(PartitionTask::stop);
        }

        void await() {
            for (Thread thread : threads) {
                try {
                    if (!thread.join(STOP_TIMEOUT)) {
                        LOG.warn(
                                "flow '{}': task {} did not stop within {}",
                                flow.name(),
                                thread.getName(),
                                STOP_TIMEOUT);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            flow.sinks().forEach(sink -> sink.sink().close());
        }
    }
}
