package dev.flows.engine.runtime;

import dev.flows.api.event.Event;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The event a pattern or a join emits, as its {@code emit} says: a type and computed fields. The emitted event
 * comes from the flow ({@code source: /flows/<flow>}) at the time of the match. Immutable.
 *
 * @param flow   the flow's name
 * @param type   the emitted event's type
 * @param fields paths and compiled values, computed in order over the variables the step binds
 */
record EmitTemplate(String flow, String type, List<Assignment> fields) {

    /**
     * Builds one emitted event.
     *
     * @throws dev.flows.engine.expression.ExpressionException if a field's expression fails
     */
    Event build(String id, String subject, long time, Map<String, Object> variables) {
        Event result = new Event(
                id,
                "/flows/" + flow,
                type,
                Event.SPEC_VERSION,
                subject,
                Instant.ofEpochMilli(time),
                "application/json",
                null,
                Map.of(),
                new LinkedHashMap<String, Object>());
        for (Assignment field : fields) {
            result = EventFields.set(result, field.path(), field.value().evaluate(variables));
        }
        return result;
    }
}
