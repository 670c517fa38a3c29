package dev.flows.workflow.decision;

import dev.flows.api.event.Event;
import java.util.List;

/**
 * What the {@link Decider} made of one input.
 *
 * @param instance  the instance after the input; null when there is none (an event of no instance)
 * @param records   history records to append, in order; empty when the input changed nothing
 * @param commands  what to carry out
 * @param scheduled timers scheduled by this decision, for the runtime's timer queue
 */
public record Decision(
        Instance instance, List<Event> records, List<Command> commands, List<Instance.ScheduledTimer> scheduled) {

    public Decision {
        records = List.copyOf(records);
        commands = List.copyOf(commands);
        scheduled = List.copyOf(scheduled);
    }

    /** Whether the input changed the instance. */
    public boolean changed() {
        return !records.isEmpty();
    }
}
