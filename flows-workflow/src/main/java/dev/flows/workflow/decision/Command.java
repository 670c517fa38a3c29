package dev.flows.workflow.decision;

import dev.flows.api.event.Event;
import dev.flows.api.workflow.WorkflowAction;
import java.util.Map;

/** What a decision asks the runtime to carry out, besides writing its history records. Immutable. */
public sealed interface Command {

    /** Append an event to a channel, exactly once (it goes through the outbox with the history). */
    record Emit(String channel, Event event) implements Command {}

    /**
     * Upsert a state table's row, exactly once (in the same state-store update as the instance).
     *
     * @param variables the triggering event's variables plus {@code instance}
     */
    record UpdateTable(WorkflowAction.UpdateTable action, Map<String, Object> variables, Event event)
            implements Command {}

    /**
     * Carry out an outside step (webhook, email, HTTP) at least once, then feed its outcome back as a {@link
     * Input.StepOutcome} for {@code step}.
     *
     * @param event the event the step's templates see: id is the idempotency key, subject the instance key
     */
    record Call(String key, String step, WorkflowAction action, Event event) implements Command {}
}
