package dev.flows.engine.runtime;

import dev.flows.api.channel.Channel;
import dev.flows.api.channel.ChannelBackend;
import dev.flows.api.error.ConfigurationException;
import dev.flows.api.event.EventFormat;
import dev.flows.api.flow.Aggregate;
import dev.flows.api.flow.ChannelDefinition;
import dev.flows.api.flow.Destination;
import dev.flows.api.flow.FieldAssignment;
import dev.flows.api.flow.Flow;
import dev.flows.api.flow.Lookup;
import dev.flows.api.flow.PatternStage;
import dev.flows.api.flow.Step;
import dev.flows.api.sink.UpsertSink;
import dev.flows.api.state.StateStore;
import dev.flows.api.system.SystemEvent;
import dev.flows.api.system.SystemEvents;
import dev.flows.engine.expression.CelCompiler;
import dev.flows.engine.expression.CompiledExpression;
import dev.flows.engine.expression.ResultType;
import dev.flows.engine.format.JsonValues;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A flow ready to run: expressions compiled, channels opened, sinks made, lookup files read, once at start.
 * It makes a {@link Pipeline} per task: stateless stages are shared, stateful ones are made fresh for each
 * pipeline. Thread-safe.
 */
final class CompiledFlow {

    private static final Logger LOG = LoggerFactory.getLogger(CompiledFlow.class);

    /** The variable a table's {@code set} and {@code delete} expressions use for the row's previous value. */
    static final String ROW = "row";

    /** Prefix of the state-store tables holding the keyed state of stateful steps. */
    static final String STATE_TABLE_PREFIX = "flows.state.";

    private final Flow flow;
    private final Channel source;
    private final Channel joined;
    private final List<Supplier<Stage>> stages;
    private final List<Output> outputs;
    private final List<Output> lateOutputs;
    private final Output deadLetter;
    private final EventTimeReader eventTime;
    private final List<AutoCloseable> sinks;
    private final Map<String, Channel> channels;
    private final boolean stateful;
    private final SystemEvents systemEvents;

    private CompiledFlow(
            Flow flow,
            Channel source,
            Channel joined,
            List<Supplier<Stage>> stages,
            List<Output> outputs,
            List<Output> lateOutputs,
            Output deadLetter,
            EventTimeReader eventTime,
            List<AutoCloseable> sinks,
            Map<String, Channel> channels,
            SystemEvents systemEvents) {
        this.flow = flow;
        this.systemEvents = systemEvents;
        this.channels = Map.copyOf(channels);
        this.stateful = flow.stateful();
        this.sinks = List.copyOf(sinks);
        this.source = source;
        this.joined = joined;
        this.stages = stages;
        this.outputs = outputs;
        this.lateOutputs = lateOutputs;
        this.deadLetter = deadLetter;
        this.eventTime = eventTime;
    }

    /**
     * @param baseDirectory where lookup files are read from (the flow directory)
     * @param systemEvents  where the flow reports the events it dead-letters
     */
    static CompiledFlow compile(
            Flow flow,
            ChannelBackend channels,
            StateStore state,
            EventFormat format,
            CelCompiler cel,
            SinkFactory sinks,
            Path baseDirectory,
            SystemEvents systemEvents) {
        List<AutoCloseable> sinksMade = new ArrayList<>();
        var compiler =
                new Compiler(flow, channels, state, format, cel, sinks, baseDirectory, sinksMade, new HashMap<>());
        try {
            return compile(flow, cel, compiler, systemEvents);
        } catch (RuntimeException e) {
            // A sink may hold connections or threads: one made before the failure must not outlive it.
            for (AutoCloseable sink : sinksMade) {
                try {
                    sink.close();
                } catch (Exception suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        }
    }

    private static CompiledFlow compile(Flow flow, CelCompiler cel, Compiler compiler, SystemEvents systemEvents) {
        List<Supplier<Stage>> stages = new ArrayList<>();
        List<Output> late = new ArrayList<>();
        Channel joined = null;
        for (int i = 0; i < flow.steps().size(); i++) {
            Step step = flow.steps().get(i);
            stages.add(compiler.stage(step, i));
            late.add(compiler.late(step));
            if (step instanceof Step.Join join) {
                joined = compiler.channel(join.channel());
            }
        }
        EventTimeReader eventTime = new EventTimeReader(
                flow.time().timestamp() == null ? null : cel.compile(flow.time().timestamp(), ResultType.ANY),
                flow.time().processing());
        List<Output> outputs = compiler.outputs(flow.to());
        return new CompiledFlow(
                flow,
                compiler.channel(flow.from()),
                joined,
                stages,
                outputs,
                late,
                new Output.ToChannel(compiler.channel(ChannelDefinition.DEAD_LETTER)),
                eventTime,
                compiler.sinksMade(),
                compiler.opened(),
                systemEvents);
    }

    String name() {
        return flow.name();
    }

    Flow flow() {
        return flow;
    }

    Channel source() {
        return source;
    }

    /**
     * A channel this flow writes or reads, by name.
     *
     * @throws IllegalArgumentException if the flow does not use it
     */
    Channel channel(String name) {
        Channel channel = channels.get(name);
        if (channel == null) {
            throw new IllegalArgumentException("flow '" + flow.name() + "' does not use channel '" + name + "'");
        }
        return channel;
    }

    /** The channel of the flow's join step, or null. */
    Channel joined() {
        return joined;
    }

    /** Whether the flow keeps state in event time, and so runs as one task over all input partitions. */
    boolean stateful() {
        return stateful;
    }

    EventTimeReader eventTime() {
        return eventTime;
    }

    /** The flow's destinations, for events that pass every step. */
    List<Output> outputs() {
        return outputs;
    }

    /** The dead-letter channel as an output. */
    Output deadLetterOutput() {
        return deadLetter;
    }

    /** The late channel of step {@code index}, or null for the dead-letter channel. */
    Output lateOutput(int index) {
        return lateOutputs.get(index);
    }

    /** A pipeline for one task: fresh state for the stateful steps. */
    Pipeline newPipeline(FlowCounters counters) {
        List<Stage> made = new ArrayList<>(stages.size());
        for (Supplier<Stage> stage : stages) {
            made.add(stage.get());
        }
        return new Pipeline(this, made, counters);
    }

    /** Where the flow reports what happens to it. */
    SystemEvents systemEvents() {
        return systemEvents;
    }

    /**
     * Reports that event {@code eventId} went to dead-letter channel {@code channel}; not for a flow that reads
     * the system channel, whose own dead letters would otherwise feed it again, without end.
     */
    void deadLettered(String eventId, String channel, String reason) {
        if (!source.name().equals(ChannelDefinition.SYSTEM)) {
            systemEvents.publish(SystemEvent.deadLettered(flow.name(), channel, reason, eventId));
        }
    }

    /** Closes every sink this flow made, once its tasks have stopped; a sink that fails to close is logged. */
    void closeSinks() {
        for (AutoCloseable sink : sinks) {
            try {
                sink.close();
            } catch (Exception e) {
                LOG.error(
                        "flow '{}': closing {} failed: {}",
                        flow.name(),
                        sink.getClass().getSimpleName(),
                        e.getMessage());
            }
        }
    }

    /** Turns the model of one flow into stages and outputs. */
    private record Compiler(
            Flow flow,
            ChannelBackend channels,
            StateStore state,
            EventFormat format,
            CelCompiler cel,
            SinkFactory sinks,
            Path baseDirectory,
            List<AutoCloseable> sinksMade,
            Map<String, Channel> opened) {

        Supplier<Stage> stage(Step step, int index) {
            String table = STATE_TABLE_PREFIX + flow.name() + "." + index;
            return switch (step) {
                case Step.Filter filter -> shared(new StatelessStages.Filter(step, bool(filter.condition())));
                case Step.Set set -> shared(new StatelessStages.Set(step, assignments(set.fields(), Set.of())));
                case Step.Remove remove -> shared(new StatelessStages.Remove(step, remove.paths()));
                case Step.Mapping mapping -> shared(MappingStage.compile(mapping));
                case Step.Enrich enrich ->
                    shared(new EnrichStage(
                            enrich,
                            any(enrich.key()),
                            lookup(enrich.lookup()),
                            enrich.fallback() == null ? null : any(enrich.fallback())));
                case Step.Route route ->
                    shared(new StatelessStages.Route(
                            step,
                            route.cases().stream()
                                    .map(c -> new StatelessStages.Case(bool(c.when()), outputs(c.to())))
                                    .toList(),
                            outputs(route.otherwise())));
                case Step.Split split -> shared(new StatelessStages.Split(step, any(split.items())));
                case Step.Dedupe dedupe -> {
                    CompiledExpression key = any(dedupe.key());
                    yield () -> new DedupeStage(dedupe, key, table);
                }
                case Step.Window window -> {
                    List<CompiledExpression> by =
                            window.by().stream().map(f -> any(f.value())).toList();
                    List<CompiledExpression> arguments = new ArrayList<>();
                    for (Aggregate aggregate : window.aggregates()) {
                        arguments.add(aggregate.argument() == null ? null : any(aggregate.argument()));
                    }
                    yield () -> new WindowStage(window, flow.name(), by, arguments, table);
                }
                case Step.Join join -> {
                    CompiledExpression key = any(join.key());
                    CompiledExpression otherKey = any(join.otherKey());
                    List<Assignment> emit =
                            join.emit() == null ? null : assignments(join.emit().fields(), Set.of(join.as()));
                    yield () -> new JoinStage(join, flow.name(), format, key, otherKey, emit, table);
                }
                case Step.Pattern pattern -> {
                    CompiledExpression key = any(pattern.key());
                    List<CompiledExpression> conditions = pattern.stages().stream()
                            .map(stage -> bool(stage.condition()))
                            .toList();
                    Set<String> names = new HashSet<>();
                    pattern.stages().stream().map(PatternStage::name).forEach(names::add);
                    List<Assignment> emit = assignments(pattern.emit().fields(), names);
                    yield () -> new PatternMatcher(pattern, flow.name(), format, key, conditions, emit, table);
                }
            };
        }

        Output late(Step step) {
            String channel = switch (step) {
                case Step.Window window -> window.late();
                case Step.Join join -> join.late();
                case Step.Pattern pattern -> pattern.late();
                default -> null;
            };
            return channel == null ? null : new Output.ToChannel(channel(channel));
        }

        private static Supplier<Stage> shared(Stage stage) {
            return () -> stage;
        }

        private Function<String, Object> lookup(Lookup lookup) {
            return switch (lookup) {
                case Lookup.FromFile file -> {
                    Map<String, Object> entries =
                            dev.flows.engine.definition.LookupFile.load(baseDirectory.resolve(file.path()));
                    yield entries::get;
                }
                case Lookup.FromTable table ->
                    key -> state.get(table.table(), key).map(JsonValues::decode).orElse(null);
            };
        }

        private CompiledExpression bool(dev.flows.api.flow.Expression expression) {
            return cel.compile(expression, ResultType.BOOL);
        }

        private CompiledExpression any(dev.flows.api.flow.Expression expression) {
            return cel.compile(expression, ResultType.ANY);
        }

        List<Output> outputs(List<Destination> destinations) {
            return destinations.stream().map(this::output).toList();
        }

        Output output(Destination destination) {
            return switch (destination) {
                case Destination.ToChannel to -> new Output.ToChannel(channel(to.channel()));
                case Destination.ToTable to ->
                    new Output.ToTable(
                            to.table(),
                            any(to.key()),
                            assignments(to.set(), Set.of(ROW)),
                            to.mode(),
                            to.when() == null ? null : bool(to.when()),
                            to.delete() == null ? null : cel.compile(to.delete(), ResultType.BOOL, Set.of(ROW)));
                case Destination.ToPush to ->
                    new Output.ToPush(channel(to.channel()), to.user() == null ? null : any(to.user()));
                case Destination.Notification to -> {
                    Output.ToSink sink = new Output.ToSink(
                            sinks.notification(flow.name(), to), channel(to.deadLetter()), to.deliveryName());
                    sinksMade.add(sink.sink());
                    yield sink;
                }
                case Destination.ToDatabase to -> database(to);
            };
        }

        private Output database(Destination.ToDatabase to) {
            // Compiled and checked before the sink exists, so that a bad expression opens no connection pool.
            List<Assignment> columns = to.columns().stream()
                    .map(c -> new Assignment(c.name(), cel.compile(c.value(), ResultType.ANY)))
                    .toList();
            Channel deadLetter = channel(to.deadLetter());
            UpsertSink sink = sinks.database(flow.name(), to);
            sinksMade.add(sink);
            return new Output.ToDatabase(
                    sink, columns, to.batch(), deadLetter, to.kind().yamlName() + " table " + to.table());
        }

        List<Assignment> assignments(List<FieldAssignment> fields, Set<String> extraVariables) {
            return fields.stream()
                    .map(f -> new Assignment(f.path(), cel.compile(f.value(), ResultType.ANY, extraVariables)))
                    .toList();
        }

        Channel channel(String name) {
            return opened.computeIfAbsent(name, this::open);
        }

        private Channel open(String name) {
            return channels.find(name)
                    .orElseThrow(() -> new ConfigurationException("flow '" + flow.name() + "' at " + flow.location()
                            + " uses channel '" + name + "', which is not open; declare it under channels:"));
        }
    }
}
