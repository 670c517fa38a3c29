package dev.flows.api.workflow;

import dev.flows.api.flow.Expression;
import dev.flows.api.flow.SourceLocation;
import java.util.Objects;

/**
 * What starts an instance: an event of type {@code eventType} whose key has no instance yet and, when {@code
 * when} is given, for which it holds. A key starts at most one instance: a later start event of a key whose
 * instance exists (running or finished) is delivered to it as an ordinary event.
 *
 * @param eventType the CloudEvents type, such as {@code shop.order.placed}
 * @param when      bool CEL over the event, or null
 * @param location  where the start was declared
 */
public record WorkflowStart(String eventType, Expression when, SourceLocation location) {

    public WorkflowStart {
        Objects.requireNonNull(eventType, "eventType");
        Objects.requireNonNull(location, "location");
    }
}
