package dev.flows.api.flow;

import java.util.List;

/**
 * One branch of a {@link Step.Route}.
 *
 * @param when a CEL expression of type bool
 * @param to   where matching events go; at least one destination
 */
public record RouteCase(Expression when, List<Destination> to) {
    public RouteCase {
        to = List.copyOf(to);
    }
}
