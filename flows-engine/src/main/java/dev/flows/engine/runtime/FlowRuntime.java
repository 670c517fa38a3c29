package dev.flows.engine.runtime;

import dev.flows.api.channel.ChannelBackend;
import dev.flows.api.event.EventFormat;
import dev.flows.api.flow.Flow;
import dev.flows.api.flow.FlowSet;
import dev.flows.api.state.StateStore;
import dev.flows.api.system.SystemEvent;
import dev.flows.api.system.SystemEvents;
import dev.flows.engine.expression.CelCompiler;
import dev.flows.engine.schedule.Scheduler;
import java.nio.file.Path;
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
    private final Scheduler scheduler;
    private final SystemEvents systemEvents;

    private FlowRuntime(Map<String, Running> running, Scheduler scheduler, SystemEvents systemEvents) {
        this.running = running;
        this.scheduler = scheduler;
        this.systemEvents = systemEvents;
    }

    /**
     * What the runtime needs from its surroundings; built once by the server's assembly.
     *
     * @param flowDirectory where lookup files are read from
     * @param systemEvents  where flows report that they started, stopped, failed or dead-lettered an event
     */
    public record Context(
            ChannelBackend channels,
            StateStore state,
            EventFormat format,
            SinkFactory sinks,
            CelCompiler cel,
            Clock clock,
            Path flowDirectory,
            SystemEvents systemEvents) {

        /** A context that publishes no system events. */
        public Context(
                ChannelBackend channels,
                StateStore state,
                EventFormat format,
                SinkFactory sinks,
                CelCompiler cel,
                Clock clock,
                Path flowDirectory) {
            this(channels, state, format, sinks, cel, clock, flowDirectory, SystemEvents.NONE);
        }

        /** A context whose lookup files are read relative to the working directory. */
        public Context(
                ChannelBackend channels,
                StateStore state,
                EventFormat format,
                SinkFactory sinks,
                CelCompiler cel,
                Clock clock) {
            this(channels, state, format, sinks, cel, clock, Path.of(""));
        }
    }

    /**
     * Compiles every flow, then starts them all, and the scheduler when a flow has a schedule. Nothing starts if
     * any flow fails to compile. Publishes {@code flows.flow.started} for each flow.
     *
     * @throws dev.flows.api.error.FlowDefinitionException if an expression does not compile
     * @throws dev.flows.api.error.ConfigurationException if a channel a flow uses is not open (a scheduled
     *     flow's schedule channel included: see {@code FlowDirectory.builtInChannels})
     */
    public static FlowRuntime start(FlowSet flows, Context context) {
        List<CompiledFlow> compiled = new ArrayList<>();
        try {
            for (Flow flow : flows.flows()) {
                compiled.add(CompiledFlow.compile(
                        flow,
                        context.channels(),
                        context.state(),
                        context.format(),
                        context.cel(),
                        context.sinks(),
                        context.flowDirectory(),
                        context.systemEvents()));
            }
        } catch (RuntimeException e) {
            compiled.forEach(CompiledFlow::closeSinks); // nothing starts, so nothing may stay open
            throw e;
        }
        Scheduler scheduler = Scheduler.open(flows.flows(), context.channels(), context.format(), context.clock());
        Map<String, Running> running = new LinkedHashMap<>();
        for (CompiledFlow flow : compiled) {
            running.put(flow.name(), Running.start(flow, context));
            context.systemEvents().publish(SystemEvent.flowStarted(flow.name()));
        }
        scheduler.start();
        LOG.info("started {} flow(s): {}", running.size(), running.keySet());
        return new FlowRuntime(running, scheduler, context.systemEvents());
    }

    /** The status of every flow, in start order. */
    public List<FlowStatus> status() {
        return running.values().stream().map(Running::status).toList();
    }

    /**
     * Stops the scheduler, then every task after its current batch, waits for them, and closes the flows' sinks.
     * Publishes {@code flows.flow.stopped} for each flow.
     */
    @Override
    public void close() {
        scheduler.close();
        running.values().forEach(Running::stop);
        running.values().forEach(Running::await);
        running.keySet().forEach(name -> systemEvents.publish(SystemEvent.flowStopped(name)));
    }

    /** One flow's tasks and threads. */
    private record Running(CompiledFlow flow, FlowCounters counters, List<FlowTask> tasks, List<Thread> threads) {

        static Running start(CompiledFlow flow, Context context) {
            FlowCounters counters = new FlowCounters();
            List<FlowTask> tasks = new ArrayList<>();
            List<Thread> threads = new ArrayList<>();
            if (flow.stateful()) {
                // Keyed state is not partitioned like the source, so one task reads every partition.
                List<FlowTask.Input> inputs = new ArrayList<>();
                for (int p = 0; p < flow.source().partitions(); p++) {
                    inputs.add(new FlowTask.Input(flow.source(), p, false));
                }
                if (flow.joined() != null) {
                    for (int p = 0; p < flow.joined().partitions(); p++) {
                        inputs.add(new FlowTask.Input(flow.joined(), p, true));
                    }
                }
                FlowTask task = new FlowTask(
                        flow,
                        inputs,
                        "flow:" + flow.name(),
                        context.state(),
                        context.format(),
                        context.clock(),
                        counters,
                        context.systemEvents());
                tasks.add(task);
                threads.add(Thread.ofVirtual().name("flow-" + flow.name()).start(task));
            } else {
                for (int p = 0; p < flow.source().partitions(); p++) {
                    FlowTask task = new FlowTask(
                            flow,
                            List.of(new FlowTask.Input(flow.source(), p, false)),
                            "flow:" + flow.name() + ":" + p,
                            context.state(),
                            context.format(),
                            context.clock(),
                            counters,
                            context.systemEvents());
                    tasks.add(task);
                    threads.add(Thread.ofVirtual()
                            .name("flow-" + flow.name() + "-" + p)
                            .start(task));
                }
            }
            return new Running(flow, counters, tasks, threads);
        }

        FlowStatus status() {
            long lag = tasks.stream().mapToLong(FlowTask::lag).sum();
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
            tasks.forEach(FlowTask::stop);
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
            flow.closeSinks();
        }
    }
}
