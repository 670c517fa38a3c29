package dev.flows.api.flow;

import java.util.List;
import java.util.Objects;

/**
 * The event a stateful step (a pattern, a join) emits: its type and its fields, each computed by CEL over
 * the variables the step binds (the matched events by name, the joined event).
 *
 * @param type   the CloudEvents type of the emitted event
 * @param fields paths and values, as in a set step ({@code data.order: checkout.data.order})
 */
public record Emit(String type, List<FieldAssignment> fields) {

    public Emit {
        Objects.requireNonNull(type, "type");
        fields = List.copyOf(fields);
    }
}
