package dev.flows.api.workflow;

import dev.flows.api.flow.SourceLocation;
import java.util.List;
import java.util.Objects;

/**
 * One entry step of a state: an action, and what undoes it. When a later step of the instance fails (after
 * its retries), the compensations of the steps already done run, newest step first (a saga).
 *
 * @param action     what the step does
 * @param compensate what undoes it, in order; empty when nothing needs undoing
 * @param location   where the step was declared
 */
public record WorkflowStep(WorkflowAction action, List<WorkflowAction> compensate, SourceLocation location) {

    public WorkflowStep {
        Objects.requireNonNull(action, "action");
        compensate = List.copyOf(compensate);
        Objects.requireNonNull(location, "location");
    }
}
