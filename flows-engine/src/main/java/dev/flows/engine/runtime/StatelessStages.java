package dev.flows.engine.runtime;

import dev.flows.api.event.Event;
import dev.flows.api.flow.Step;
import dev.flows.engine.expression.CompiledExpression;
import dev.flows.engine.expression.ExpressionException;
import java.util.List;
import java.util.Map;

/**
 * The stages that look at one event at a time: filter, set, remove, route and split. They hold nothing but
 * compiled expressions, so one instance serves every task of a flow.
 */
final class StatelessStages {

    private StatelessStages() {}

    /** Drops events for which the condition is false. */
    record Filter(Step step, CompiledExpression condition) implements Stage {
        @Override
        public void onEvent(FlowEvent event, Downstream next) {
            if (condition.test(event.variables())) {
                next.next(event);
            }
        }
    }

    /** Sets computed fields in order, each seeing the ones before it. */
    record Set(Step step, List<Assignment> fields) implements Stage {
        @Override
        public void onEvent(FlowEvent event, Downstream next) {
            // The first value is computed on the event as read, before it is decoded whole for writing.
            Object first = fields.getFirst().value().evaluate(event.variables());
            FlowEvent current = event.editable();
            current.set(fields.getFirst().path(), first);
            for (int i = 1; i < fields.size(); i++) {
                Assignment field = fields.get(i);
                current.set(field.path(), field.value().evaluate(current.variables()));
            }
            next.next(current);
        }
    }

    /** Removes fields; absent ones are ignored. */
    record Remove(Step step, List<String> paths) implements Stage {
        @Override
        public void onEvent(FlowEvent event, Downstream next) {
            FlowEvent current = event.editable();
            for (String path : paths) {
                current.remove(path);
            }
            next.next(current);
        }
    }

    /** Sends an event to the outputs of the first matching case, which ends its way through the flow. */
    record Route(Step step, List<Case> cases, List<Output> otherwise) implements Stage {
        @Override
        public void onEvent(FlowEvent event, Downstream next) {
            Map<String, Object> variables = event.variables();
            for (Case routeCase : cases) {
                if (routeCase.when().test(variables)) {
                    next.to(event, routeCase.outputs());
                    return;
                }
            }
            if (otherwise.isEmpty()) {
                next.next(event);
            } else {
                next.to(event, otherwise);
            }
        }
    }

    /** One route case. */
    record Case(CompiledExpression when, List<Output> outputs) {}

    /** Turns an event into one event per element of a list. */
    record Split(Step step, CompiledExpression items) implements Stage {
        @Override
        public void onEvent(FlowEvent event, Downstream next) {
            Object value = items.evaluate(event.variables());
            if (!(value instanceof List<?> list)) {
                throw new ExpressionException(
                        items.source().location() + ": split needs a list, but `"
                                + items.source().text()
                                + "` gave "
                                + (value == null
                                        ? "null"
                                        : "a " + value.getClass().getSimpleName())
                                + "; point it at an array field, such as data.lines",
                        null);
            }
            Event original = event.event();
            for (int i = 0; i < list.size(); i++) {
                Event element = EventFields.withIdAndData(original, original.id() + "-" + i, list.get(i));
                next.next(event.changed(element));
            }
        }
    }
}
