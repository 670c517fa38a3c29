package dev.flows.engine.explain;

import dev.flows.api.flow.Aggregate;
import dev.flows.api.flow.ChannelDefinition;
import dev.flows.api.flow.Destination;
import dev.flows.api.flow.Emit;
import dev.flows.api.flow.FieldAssignment;
import dev.flows.api.flow.Lookup;
import dev.flows.api.flow.PatternStage;
import dev.flows.api.flow.RouteCase;
import dev.flows.api.flow.Step;
import dev.flows.api.flow.WindowShape;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Describes one step: its kind, a summary line and detail lines (a route's cases, a window's aggregates, a
 * pattern's stages, where a stateful step keeps its state and sends late events). Stateless.
 */
final class StepText {

    /** The prefix of the state-store tables of stateful steps, as the runtime names them. */
    static final String STATE_TABLE_PREFIX = "flows.state.";

    private StepText() {}

    /** A described step. */
    record Lines(String kind, String summary, List<String> details) {}

    /**
     * @param flow       the flow's name, which names its state tables
     * @param index      the step's index from 0, which names its state table
     * @param partitions the partitions of declared channels, by name
     * @param last       whether no step comes after this one, for what a route does with unmatched events
     */
    static Lines of(Step step, String flow, int index, Map<String, Integer> partitions, boolean last) {
        String state = "state: " + STATE_TABLE_PREFIX + flow + "." + index;
        return switch (step) {
            case Step.Filter filter -> new Lines("filter", Expressions.text(filter.condition()), List.of());
            case Step.Set set -> set(set);
            case Step.Remove remove -> new Lines("remove", String.join(", ", remove.paths()), List.of());
            case Step.Mapping mapping ->
                new Lines("mapping", "jsonata " + Expressions.oneLine(mapping.jsonata()), List.of());
            case Step.Enrich enrich -> new Lines("enrich", enrich(enrich), List.of());
            case Step.Route route -> new Lines("route", cases(route.cases().size()), routeDetails(route, last));
            case Step.Split split ->
                new Lines("split", Expressions.text(split.items()) + "  (one event per element)", List.of());
            case Step.Dedupe dedupe ->
                new Lines(
                        "dedupe",
                        "key " + Expressions.text(dedupe.key()) + "  within " + DurationFormat.of(dedupe.within()),
                        List.of(state));
            case Step.Window window -> window(window, state);
            case Step.Join join -> join(join, partitions, state);
            case Step.Pattern pattern -> pattern(pattern, state);
        };
    }

    private static Lines set(Step.Set set) {
        if (set.fields().size() == 1) {
            return new Lines("set", assignment(set.fields().getFirst()), List.of());
        }
        List<String> details = set.fields().stream().map(StepText::assignment).toList();
        return new Lines("set", set.fields().size() + " fields, in order", details);
    }

    private static String enrich(Step.Enrich enrich) {
        String lookup = switch (enrich.lookup()) {
            case Lookup.FromFile file -> "file " + file.path();
            case Lookup.FromTable table -> "table " + table.table();
        };
        String miss = enrich.fallback() == null
                ? "  a miss fails the step"
                : "  default " + Expressions.text(enrich.fallback());
        return lookup + "  key " + Expressions.text(enrich.key()) + "  into " + enrich.into() + miss;
    }

    private static String cases(int count) {
        return count + (count == 1 ? " case" : " cases") + ", the first that matches takes the event";
    }

    private static List<String> routeDetails(Step.Route route, boolean last) {
        List<String> details = new ArrayList<>();
        for (RouteCase routeCase : route.cases()) {
            details.add("when " + Expressions.text(routeCase.when()) + "  -> " + names(routeCase.to()));
        }
        if (!route.otherwise().isEmpty()) {
            details.add("otherwise  -> " + names(route.otherwise()));
        } else {
            details.add("otherwise  -> " + (last ? "the flow's destinations" : "the next step"));
        }
        return details;
    }

    private static String names(List<Destination> destinations) {
        return destinations.stream().map(DestinationText::name).collect(Collectors.joining(", "));
    }

    private static Lines window(Step.Window window, String state) {
        String by = window.by().isEmpty()
                ? "one global window"
                : "by " + window.by().stream().map(StepText::binding).collect(Collectors.joining(", "));
        String summary = shape(window.shape()) + "  " + by + "  grace " + DurationFormat.of(window.grace()) + "  emit "
                + window.emit().name().toLowerCase(Locale.ROOT) + " " + window.type();
        List<String> details = new ArrayList<>();
        for (Aggregate aggregate : window.aggregates()) {
            String argument = aggregate.argument() == null ? "" : Expressions.text(aggregate.argument());
            details.add(aggregate.name() + ": " + aggregate.function().yamlName() + "(" + argument + ")");
        }
        details.add(state + "   late: " + late(window.late()));
        return new Lines("window", summary, details);
    }

    private static String shape(WindowShape shape) {
        return switch (shape) {
            case WindowShape.Tumbling tumbling -> "tumbling " + DurationFormat.of(tumbling.size());
            case WindowShape.Hopping hopping ->
                "hopping " + DurationFormat.of(hopping.size()) + " every " + DurationFormat.of(hopping.advance());
            case WindowShape.Session session -> "session gap " + DurationFormat.of(session.gap());
        };
    }

    private static Lines join(Step.Join join, Map<String, Integer> partitions, String state) {
        String output = join.emit() == null
                ? "pass on with data." + join.as()
                : "emit " + join.emit().type();
        String summary = join.channel() + "  " + FlowExplainer.partitions(join.channel(), partitions) + "  within "
                + DurationFormat.of(join.before()) + " before, " + DurationFormat.of(join.after()) + " after  "
                + output;
        String key = Expressions.text(join.key());
        String otherKey = Expressions.text(join.otherKey());
        List<String> details = new ArrayList<>();
        details.add("key " + key + (key.equals(otherKey) ? "" : "  other-key " + otherKey) + "  as " + join.as());
        details.addAll(emitFields(join.emit()));
        details.add(state + "   late: " + late(join.late()));
        return new Lines("join", summary, details);
    }

    private static Lines pattern(Step.Pattern pattern, String state) {
        String summary = "key " + Expressions.text(pattern.key()) + "  within " + DurationFormat.of(pattern.within())
                + "  emit " + pattern.emit().type();
        int width = pattern.stages().stream()
                .mapToInt(stage -> stage.name().length() + 1)
                .max()
                .orElse(0);
        List<String> details = new ArrayList<>();
        for (PatternStage stage : pattern.stages()) {
            String quantity = stage.absent() ? "absent  " : stage.times() > 1 ? stage.times() + " times  " : "";
            details.add(pad(stage.name() + ":", width) + "  " + quantity + Expressions.text(stage.condition()));
        }
        details.addAll(emitFields(pattern.emit()));
        details.add(state + "   late: " + late(pattern.late()));
        return new Lines("pattern", summary, details);
    }

    private static List<String> emitFields(Emit emit) {
        return emit == null
                ? List.of()
                : emit.fields().stream()
                        .map(field -> "set " + assignment(field))
                        .toList();
    }

    private static String assignment(FieldAssignment field) {
        return field.path() + " = " + Expressions.text(field.value());
    }

    private static String binding(FieldAssignment field) {
        return field.path() + ": " + Expressions.text(field.value());
    }

    private static String late(String channel) {
        return channel == null ? ChannelDefinition.DEAD_LETTER : channel;
    }

    static String pad(String text, int width) {
        return text.length() >= width ? text : text + " ".repeat(width - text.length());
    }
}
