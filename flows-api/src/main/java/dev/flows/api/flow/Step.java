package dev.flows.api.flow;

import java.util.List;
import java.util.Objects;

/**
 * One processing step of a flow. Steps run in the order written, one event at a time, per partition of the
 * source channel. All steps here are stateless.
 */
public sealed interface Step {

    /** Where the step was written. */
    SourceLocation location();

    /**
     * Keeps the events for which {@code condition} is true and drops the rest.
     *
     * @param condition a CEL expression of type bool
     */
    record Filter(Expression condition, SourceLocation location) implements Step {
        public Filter {
            Objects.requireNonNull(condition, "condition");
        }
    }

    /**
     * Sets computed fields on the event: {@code data.total}, {@code data.region}, {@code subject}, or an
     * extension attribute. Assignments run in order and each sees the results of those before it.
     */
    record Set(List<FieldAssignment> fields, SourceLocation location) implements Step {
        public Set {
            fields = List.copyOf(fields);
        }
    }

    /**
     * Sends each event to the destinations of the first case whose condition holds; the event then stops
     * there. An event that no case matches goes on to the next step and, at the end, to the flow's
     * destinations.
     */
    record Route(List<RouteCase> cases, SourceLocation location) implements Step {
        public Route {
            cases = List.copyOf(cases);
        }
    }
}
