package dev.flows.engine.definition;

import dev.flows.api.flow.Destination;
import dev.flows.api.flow.Expression;
import dev.flows.api.flow.FieldAssignment;
import dev.flows.api.flow.Flow;
import dev.flows.api.flow.RouteCase;
import dev.flows.api.flow.SourceLocation;
import dev.flows.api.flow.Step;
import java.util.List;

/** Rebuilds model records with every location set to {@link SourceLocation#JAVA}, to compare content only. */
final class WithoutLocations {

    private static final SourceLocation NONE = SourceLocation.JAVA;

    private WithoutLocations() {}

    static Flow of(Flow flow) {
        return new Flow(
                flow.name(),
                flow.from(),
                flow.steps().stream().map(WithoutLocations::of).toList(),
                destinations(flow.to()),
                flow.time(),
                NONE);
    }

    static Step of(Step step) {
        return switch (step) {
            case Step.Filter filter -> new Step.Filter(of(filter.condition()), filter.onError(), NONE);
            case Step.Set set -> new Step.Set(fields(set.fields()), set.onError(), NONE);
            case Step.Route route ->
                new Step.Route(
                        route.cases().stream()
                                .map(c -> new RouteCase(of(c.when()), destinations(c.to())))
                                .toList(),
                        destinations(route.otherwise()),
                        route.onError(),
                        NONE);
            default -> throw new UnsupportedOperationException("not yet compared: " + step);
        };
    }

    static Destination of(Destination destination) {
        return switch (destination) {
            case Destination.ToChannel to -> new Destination.ToChannel(to.channel(), NONE);
            case Destination.ToTable to -> new Destination.ToTable(to.table(), of(to.key()), fields(to.set()), NONE);
            case Destination.ToWebhook to ->
                new Destination.ToWebhook(to.url(), to.headers(), to.retry(), to.deadLetter(), NONE);
        };
    }

    private static List<Destination> destinations(List<Destination> destinations) {
        return destinations.stream().map(WithoutLocations::of).toList();
    }

    private static List<FieldAssignment> fields(List<FieldAssignment> fields) {
        return fields.stream()
                .map(field -> new FieldAssignment(field.path(), of(field.value())))
                .toList();
    }

    private static Expression of(Expression expression) {
        return Expression.of(expression.text());
    }
}
