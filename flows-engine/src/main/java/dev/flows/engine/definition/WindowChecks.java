package dev.flows.engine.definition;

import dev.flows.api.flow.Aggregate;
import dev.flows.api.flow.FieldAssignment;
import dev.flows.api.flow.SourceLocation;
import dev.flows.api.flow.Step;
import dev.flows.engine.expression.ResultType;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a window step for {@link FlowValidator}: its result fields ({@code by} names and aggregate names
 * together) are field names, each used once and none of them {@code window_start} or {@code window_end},
 * which every result has; its expressions compile over the event; its grace is not negative and its type not
 * empty. Not thread-safe; one per flow of a run.
 */
final class WindowChecks {

    /** The fields every window result has besides its keys and aggregates. */
    static final Set<String> BOUNDS = Set.of("window_start", "window_end");

    private final ValidationRun run;

    WindowChecks(ValidationRun run) {
        this.run = run;
    }

    void check(Step.Window window) {
        Map<String, SourceLocation> fields = new HashMap<>();
        for (FieldAssignment key : window.by()) {
            field(fields, key.path(), at(key, window));
            run.compile(key.value(), ResultType.ANY, Set.of());
        }
        for (Aggregate aggregate : window.aggregates()) {
            field(fields, aggregate.name(), at(aggregate, window));
            if (aggregate.argument() != null) {
                run.compile(aggregate.argument(), ResultType.ANY, Set.of());
            }
        }
        if (window.grace().isNegative()) {
            run.problem(window.location(), "a window's grace must not be negative; e.g. grace: 0s or grace: 1m");
        }
        if (window.type().isBlank()) {
            run.problem(
                    run.references().of(window, ReferenceLocations.Part.TYPE, window.location()),
                    "a window's type is empty; give its results a type, e.g. type: shop.item.minute");
        }
    }

    private void field(Map<String, SourceLocation> fields, String name, SourceLocation where) {
        Optional<String> problem = FieldPaths.checkDataField("window result field", name, "revenue");
        if (problem.isPresent()) {
            run.problem(where, problem.get());
        } else if (BOUNDS.contains(name)) {
            run.problem(
                    where,
                    "window result field '" + name + "' is taken: every result has window_start and"
                            + " window_end; choose another name");
        } else if (fields.containsKey(name)) {
            run.problem(
                    where,
                    "window result field '" + name + "' is used twice (by and aggregate names share the"
                            + " result); the first is at " + fields.get(name) + "; give each its own name");
        } else {
            fields.put(name, where);
        }
    }

    private SourceLocation at(Object part, Step.Window window) {
        return run.references().of(part, ReferenceLocations.Part.NAME, window.location());
    }
}
