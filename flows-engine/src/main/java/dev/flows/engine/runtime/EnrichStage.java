package dev.flows.engine.runtime;

import dev.flows.api.flow.Step;
import dev.flows.engine.expression.CompiledExpression;
import dev.flows.engine.expression.ExpressionException;
import java.util.function.Function;

/**
 * Looks a key up (in a lookup file loaded at start, or in a state table as committed) and writes the value
 * into the event. A miss takes the fallback expression's value, or fails the event when there is none.
 */
record EnrichStage(
        Step.Enrich step, CompiledExpression key, Function<String, Object> lookup, CompiledExpression fallback)
        implements Stage {

    @Override
    public void onEvent(FlowEvent event, Downstream next) {
        String id = Keys.of(key, key.evaluate(event.variables()), "enrich key");
        Object value = lookup.apply(id);
        if (value == null) {
            if (fallback == null) {
                throw new ExpressionException(
                        step.location() + ": enrich found no entry for key '" + id + "' in " + describe()
                                + "; add the entry, or give the step a default: expression",
                        null);
            }
            value = fallback.evaluate(event.variables());
        }
        FlowEvent enriched = event.editable();
        enriched.set(step.into(), value);
        next.next(enriched);
    }

    private String describe() {
        return switch (step.lookup()) {
            case dev.flows.api.flow.Lookup.FromFile file -> "lookup file " + file.path();
            case dev.flows.api.flow.Lookup.FromTable table -> "table " + table.table();
        };
    }
}
