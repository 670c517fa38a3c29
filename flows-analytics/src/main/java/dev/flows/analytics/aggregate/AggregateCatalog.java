package dev.flows.analytics.aggregate;

import dev.flows.api.flow.Destination;
import dev.flows.api.flow.Flow;
import dev.flows.api.flow.FlowSet;
import dev.flows.api.flow.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The continuous aggregates of a set of flows, found from the flows' steps: a {@code table} destination of a flow
 * whose last stateful step before it is a {@code window} (directly in {@code to:}, or in a route after the window).
 * Its rows are the window's results. Immutable.
 */
public final class AggregateCatalog {

    private final Map<String, ContinuousAggregate> aggregates;

    private AggregateCatalog(Map<String, ContinuousAggregate> aggregates) {
        this.aggregates = aggregates;
    }

    /** The aggregates of these flows, by table name. */
    public static AggregateCatalog of(FlowSet flows) {
        Map<String, ContinuousAggregate> found = new TreeMap<>();
        for (Flow flow : flows.flows()) {
            for (ContinuousAggregate aggregate : of(flow)) {
                found.putIfAbsent(aggregate.table(), aggregate);
            }
        }
        return new AggregateCatalog(found);
    }

    private static List<ContinuousAggregate> of(Flow flow) {
        List<ContinuousAggregate> found = new ArrayList<>();
        Step lastStateful = null;
        for (Step step : flow.steps()) {
            if (step instanceof Step.Route route && lastStateful instanceof Step.Window window) {
                route.cases().forEach(c -> tables(flow, window, c.to(), found));
                tables(flow, window, route.otherwise(), found);
            }
            if (stateful(step)) {
                lastStateful = step;
            }
        }
        if (lastStateful instanceof Step.Window window) {
            tables(flow, window, flow.to(), found);
        }
        return found;
    }

    private static void tables(
            Flow flow, Step.Window window, List<Destination> destinations, List<ContinuousAggregate> found) {
        for (Destination destination : destinations) {
            if (destination instanceof Destination.ToTable table) {
                found.add(new ContinuousAggregate(table.table(), flow.name(), window, table));
            }
        }
    }

    private static boolean stateful(Step step) {
        return step instanceof Step.Window
                || step instanceof Step.Join
                || step instanceof Step.Pattern
                || step instanceof Step.Dedupe;
    }

    /** The aggregate of that table, if the table is one. */
    public Optional<ContinuousAggregate> find(String table) {
        return Optional.ofNullable(aggregates.get(table));
    }

    /** Every aggregate, in table name order. */
    public List<ContinuousAggregate> all() {
        return List.copyOf(aggregates.values());
    }
}
