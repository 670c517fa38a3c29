package dev.flows.engine.runtime;

import dev.flows.api.channel.Channel;
import dev.flows.api.channel.ChannelBackend;
import dev.flows.api.error.ConfigurationException;
import dev.flows.api.event.Event;
import dev.flows.api.flow.ChannelDefinition;
import dev.flows.api.flow.Destination;
import dev.flows.api.flow.FieldAssignment;
import dev.flows.api.flow.Flow;
import dev.flows.api.flow.Step;
import dev.flows.engine.expression.CelCompiler;
import dev.flows.engine.expression.EventVariables;
import dev.flows.engine.expression.ResultType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A flow ready to run: expressions compiled, channels opened, sinks made, once at start. Running the steps
 * on an event is pure (no I/O): it returns where the event goes, and the partition task does the writing.
 * Thread-safe; the partition tasks of one flow share it.
 */
final class CompiledFlow {

    /** The variable a table's {@code set} expressions use for the row's previous value. */
    static final String ROW = "row";

    private final Flow flow;
    private final Channel source;
    private final List<Operator> operators;
    private final List<Output> outputs;
    private final Channel deadLetter;

    private CompiledFlow(
            Flow flow, Channel source, List<Operator> operators, List<Output> outputs, Channel deadLetter) {
        this.flow = flow;
        this.source = source;
        this.operators = operators;
        this.outputs = outputs;
        this.deadLetter = deadLetter;
    }

    static CompiledFlow compile(Flow flow, ChannelBackend channels, CelCompiler cel, SinkFactory sinks) {
        var compiler = new Compiler(flow, channels, cel, sinks);
        List<Operator> operators = flow.steps().stream().map(compiler::operator).toList();
        List<Output> outputs = compiler.outputs(flow.to());
        return new CompiledFlow(
                flow,
                compiler.channel(flow.from()),
                operators,
                outputs,
                compiler.channel(ChannelDefinition.DEAD_LETTER));
    }

    String name() {
        return flow.name();
    }

    Channel source() {
        return source;
    }

    /** Where events go that an expression of this flow fails on. */
    Channel deadLetter() {
        return deadLetter;
    }

    /** Every sink this flow made, so that stopping the flow can close them. */
    List<Output.ToSink> sinks() {
        List<Output.ToSink> found = new ArrayList<>();
        collectSinks(outputs, found);
        for (Operator operator : operators) {
            if (operator instanceof Operator.Route route) {
                route.cases().forEach(c -> collectSinks(c.outputs(), found));
            }
        }
        return found;
    }

    /**
     * Runs the steps on one event.
     *
     * @return where the event (as changed by the steps) goes; empty when a filter dropped it
     * @throws dev.flows.engine.expression.ExpressionException if an expression fails on this event
     */
    List<Emission> process(Event event) {
        Event current = event;
        Map<String, Object> variables = EventVariables.of(current);
        for (Operator operator : operators) {
            switch (operator) {
                case Operator.Filter filter -> {
                    if (!filter.condition().test(variables)) {
                        return List.of();
                    }
                }
                case Operator.Set set -> {
                    for (Assignment field : set.fields()) {
                        current = EventFields.set(
                                current, field.path(), field.value().evaluate(variables));
                        variables = EventVariables.of(current);
                    }
                }
                case Operator.Route route -> {
                    for (Operator.Case routeCase : route.cases()) {
                        if (routeCase.when().test(variables)) {
                            return emissions(current, routeCase.outputs());
                        }
                    }
                }
            }
        }
        return emissions(current, outputs);
    }

    private static List<Emission> emissions(Event event, List<Output> targets) {
        List<Emission> result = new ArrayList<>(targets.size());
        for (Output target : targets) {
            result.add(new Emission(event, target));
        }
        return result;
    }

    private static void collectSinks(List<Output> outputs, List<Output.ToSink> found) {
        for (Output output : outputs) {
            if (output instanceof Output.ToSink sink) {
                found.add(sink);
            }
        }
    }

    /** Turns the model of one flow into operators and outputs. */
    private record Compiler(Flow flow, ChannelBackend channels, CelCompiler cel, SinkFactory sinks) {

        Operator operator(Step step) {
            return switch (step) {
                case Step.Filter filter -> new Operator.Filter(cel.compile(filter.condition(), ResultType.BOOL));
                case Step.Set set -> new Operator.Set(assignments(set.fields(), Set.of()));
                case Step.Route route ->
                    new Operator.Route(route.cases().stream()
                            .map(c -> new Operator.Case(cel.compile(c.when(), ResultType.BOOL), outputs(c.to())))
                            .toList());
                default ->
                    throw new ConfigurationException(
                            step.location() + ": this step kind is not supported by the runtime yet");
            };
        }

        List<Output> outputs(List<Destination> destinations) {
            return destinations.stream().map(this::output).toList();
        }

        Output output(Destination destination) {
            return switch (destination) {
                case Destination.ToChannel to -> new Output.ToChannel(channel(to.channel()));
                case Destination.ToTable to ->
                    new Output.ToTable(
                            to.table(), cel.compile(to.key(), ResultType.ANY), assignments(to.set(), Set.of(ROW)));
                case Destination.ToWebhook to -> new Output.ToSink(sinks.webhook(to), channel(to.deadLetter()));
            };
        }

        List<Assignment> assignments(List<FieldAssignment> fields, Set<String> extraVariables) {
            return fields.stream()
                    .map(f -> new Assignment(f.path(), cel.compile(f.value(), ResultType.ANY, extraVariables)))
                    .toList();
        }

        Channel channel(String name) {
            return channels.find(name)
                    .orElseThrow(() -> new ConfigurationException("flow '" + flow.name() + "' at " + flow.location()
                            + " uses channel '" + name + "', which is not open; declare it under channels:"));
        }
    }
}
