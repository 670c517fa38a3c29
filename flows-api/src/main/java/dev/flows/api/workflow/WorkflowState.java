package dev.flows.api.workflow;

import dev.flows.api.flow.SourceLocation;
import java.util.List;
import java.util.Objects;

/**
 * One state of a workflow. On entry, the instance runs {@code entry} in order (each step once; a failed one
 * starts compensation), then waits for the first of its transitions or timers. A terminal state ends the
 * instance once its entry steps are done.
 *
 * @param name        unique in its workflow
 * @param transitions on events and signals, tried in the order written; the first that matches wins
 * @param timers      relative to entering the state, at most one per duration
 * @param entry       steps run on entering the state, in order
 * @param terminal    whether the instance ends here
 * @param location    where the state was declared
 */
public record WorkflowState(
        String name,
        List<Transition> transitions,
        List<Timer> timers,
        List<WorkflowStep> entry,
        boolean terminal,
        SourceLocation location) {

    public WorkflowState {
        Objects.requireNonNull(name, "name");
        transitions = List.copyOf(transitions);
        timers = List.copyOf(timers);
        entry = List.copyOf(entry);
        Objects.requireNonNull(location, "location");
    }
}
