package dev.flows.api.flow;

import java.util.Objects;

/**
 * One stage of a pattern: the events it matches and how many.
 *
 * @param name      binds the matched event (the last one, for a repetition) for the pattern's output, as in
 *                  {@code checkout.data.order}
 * @param condition a CEL expression of type bool over the event
 * @param times     how many matching events the stage needs (at least 1); more than 1 is a repetition
 * @param absent    true for "not followed by": the pattern completes when no matching event comes within
 *                  the pattern's {@code within}; only the last stage may be absent
 */
public record PatternStage(String name, Expression condition, int times, boolean absent) {

    public PatternStage {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(condition, "condition");
        if (times < 1) {
            throw new IllegalArgumentException("a pattern stage needs at least one event");
        }
        if (absent && times != 1) {
            throw new IllegalArgumentException("an absent stage cannot count events");
        }
    }
}
