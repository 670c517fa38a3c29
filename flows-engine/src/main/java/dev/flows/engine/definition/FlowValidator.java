package dev.flows.engine.definition;

import dev.flows.api.error.FlowDefinitionException;
import dev.flows.api.error.Problem;
import dev.flows.api.flow.ChannelDefinition;
import dev.flows.api.flow.Destination;
import dev.flows.api.flow.Expression;
import dev.flows.api.flow.FieldAssignment;
import dev.flows.api.flow.Flow;
import dev.flows.api.flow.FlowSet;
import dev.flows.api.flow.RouteCase;
import dev.flows.api.flow.SourceLocation;
import dev.flows.api.flow.Step;
import dev.flows.engine.expression.CelCompiler;
import dev.flows.engine.expression.NameSuggestion;
import dev.flows.engine.expression.ResultType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks a whole {@link FlowSet} at once, across files: channel and flow names declared twice, channels
 * used but not declared (from, to, route, dead-letter), and every CEL expression (filters and route
 * conditions must be bool; table {@code set} values see {@code row}). The built-in {@link
 * ChannelDefinition#DEAD_LETTER} channel is always declared. Works the same on flows parsed from YAML and
 * built in Java. Thread-safe if its {@link CelCompiler} is (it is).
 */
public final class FlowValidator {

    /** The extra variable table {@code set} expressions see: the row's previous value. */
    public static final String ROW = "row";

    private final CelCompiler cel;

    /** A validator compiling expressions with {@code cel}. */
    public FlowValidator(CelCompiler cel) {
        this.cel = cel;
    }

    /** Validates flows built in Java or without reference locations. */
    public List<Problem> validate(FlowSet flows) {
        return validate(flows, ReferenceLocations.none());
    }

    /**
     * Validates every flow and channel of {@code flows}.
     *
     * @param references where channel names were written, to point at them; {@link ReferenceLocations#none()}
     *     points at the flow or destination instead
     * @return every problem, in the order found (channels, then flow by flow); empty when all is well
     */
    public List<Problem> validate(FlowSet flows, ReferenceLocations references) {
        Run run = new Run(references);
        flows.channels().forEach(run::declare);
        flows.flows().forEach(run::name);
        flows.flows().forEach(run::check);
        flows.channels().forEach(run::deadLetter);
        return run.problems;
    }

    /** The state of one validation. */
    private final class Run {

        private final ReferenceLocations references;
        private final Map<String, ChannelDefinition> channels = new HashMap<>();
        private final Map<String, Flow> flowNames = new HashMap<>();
        private final List<Problem> problems = new ArrayList<>();

        Run(ReferenceLocations references) {
            this.references = references;
        }

        void declare(ChannelDefinition channel) {
            ChannelDefinition first = channels.putIfAbsent(channel.name(), channel);
            if (first != null) {
                problems.add(new Problem(
                        channel.location(),
                        "channel '" + channel.name() + "' is declared twice; the first is at " + first.location()
                                + "; declare each channel once"));
            }
        }

        void deadLetter(ChannelDefinition channel) {
            channel(
                    channel.policy().deadLetter(),
                    channel.location(),
                    "the queue dead-letter channel '" + channel.policy().deadLetter() + "' of channel '"
                            + channel.name() + "' is not declared (leave queue.dead-letter out to use "
                            + ChannelDefinition.DEAD_LETTER + ")");
        }

        void name(Flow flow) {
            Flow first = flowNames.putIfAbsent(flow.name(), flow);
            if (first != null) {
                problems.add(new Problem(
                        flow.location(),
                        "flow '" + flow.name() + "' is declared twice; the first" + " is at " + first.location()
                                + "; give each flow its own name"));
            }
        }

        void check(Flow flow) {
            channel(
                    flow.from(),
                    references.from(flow),
                    "flow '" + flow.name() + "' reads from channel '" + flow.from() + "', which is not declared");
            for (Step step : flow.steps()) {
                step(step);
            }
            flow.to().forEach(this::destination);
        }

        private void step(Step step) {
            switch (step) {
                case Step.Filter filter -> compile(filter.condition(), ResultType.BOOL, Set.of());
                case Step.Set set -> set.fields().forEach(field -> compile(field.value(), ResultType.ANY, Set.of()));
                case Step.Route route -> {
                    for (RouteCase routeCase : route.cases()) {
                        compile(routeCase.when(), ResultType.BOOL, Set.of());
                        routeCase.to().forEach(this::destination);
                    }
                }
                default -> {} // the stateful steps are checked when the engine compiles them
            }
        }

        private void destination(Destination destination) {
            switch (destination) {
                case Destination.ToChannel to ->
                    channel(to.channel(), references.channel(to), "channel '" + to.channel() + "' is not declared");
                case Destination.ToTable table -> {
                    compile(table.key(), ResultType.ANY, Set.of());
                    for (FieldAssignment field : table.set()) {
                        compile(field.value(), ResultType.ANY, Set.of(ROW));
                    }
                }
                case Destination.ToWebhook webhook ->
                    channel(
                            webhook.deadLetter(),
                            references.channel(webhook),
                            "dead-letter channel '"
                                    + webhook.deadLetter() + "' is not declared (leave dead-letter out to use "
                                    + ChannelDefinition.DEAD_LETTER + ")");
            }
        }

        /** Reports {@code notDeclared} (which names the channel) unless {@code name} is declared. */
        private void channel(String name, SourceLocation where, String notDeclared) {
            if (name.equals(ChannelDefinition.DEAD_LETTER) || channels.containsKey(name)) {
                return;
            }
            Set<String> declared = new TreeSet<>(channels.keySet());
            declared.add(ChannelDefinition.DEAD_LETTER);
            String suggestion = NameSuggestion.closest(name, declared)
                    .map(close -> "did you mean '" + close + "'? ")
                    .orElse("declare it in a channels: document. ");
            problems.add(new Problem(
                    where,
                    notDeclared + "; " + suggestion + "The declared channels are: " + String.join(", ", declared)));
        }

        private void compile(Expression expression, ResultType expected, Set<String> extraVariables) {
            try {
                cel.compile(expression, expected, extraVariables);
            } catch (FlowDefinitionException e) {
                problems.addAll(e.problems());
            }
        }
    }
}
