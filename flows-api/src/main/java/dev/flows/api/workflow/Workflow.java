package dev.flows.api.workflow;

import dev.flows.api.flow.Expression;
import dev.flows.api.flow.SourceLocation;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A durable workflow: a state machine per correlation key, advanced by the events of its source channels, by
 * signals and by timers. Immutable.
 *
 * @param name      lower-case letters, digits, '.', '-' and '_'; names its history channel {@link #historyChannel}
 * @param from      the channels whose events start and advance instances, at least one
 * @param key       CEL over an event giving the instance it belongs to (a string or a number)
 * @param start     which event starts an instance
 * @param initial   the state an instance enters when it starts
 * @param states    every state, in the order written; names are unique
 * @param onFailure the state entered after a failed step was compensated; {@link #FAILED} (built in, terminal)
 *     unless the workflow names one of its own
 * @param location  where the workflow was declared
 */
public record Workflow(
        String name,
        List<String> from,
        Expression key,
        WorkflowStart start,
        String initial,
        List<WorkflowState> states,
        String onFailure,
        SourceLocation location) {

    /** The built-in terminal state an instance ends in when a step failed and no {@code on-failure} is named. */
    public static final String FAILED = "failed";

    /** Prefix of every workflow's history channel. */
    public static final String HISTORY_PREFIX = "flows.workflow.";

    public Workflow {
        Objects.requireNonNull(name, "name");
        from = List.copyOf(from);
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(initial, "initial");
        states = List.copyOf(states);
        onFailure = onFailure == null ? FAILED : onFailure;
        Objects.requireNonNull(location, "location");
    }

    /** The channel holding every instance's history, keyed by instance key: {@code flows.workflow.<name>}. */
    public static String historyChannel(String workflow) {
        return HISTORY_PREFIX + workflow;
    }

    /** The channel signals and cancellations are appended to: {@code flows.workflow.<name>.signals}. */
    public static String signalChannel(String workflow) {
        return historyChannel(workflow) + ".signals";
    }

    /** This workflow's history channel. */
    public String historyChannel() {
        return historyChannel(name);
    }

    /** This workflow's signal channel. */
    public String signalChannel() {
        return signalChannel(name);
    }

    /** The state of that name, if the workflow declares it (the built-in {@link #FAILED} is not declared). */
    public Optional<WorkflowState> state(String stateName) {
        return states.stream().filter(state -> state.name().equals(stateName)).findFirst();
    }
}
