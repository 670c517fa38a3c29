package dev.flows.api.flow;

import java.util.Objects;

/**
 * One aggregate a window computes, written {@code name: function(expression)} in YAML, such as
 * {@code revenue: sum(data.price * double(data.qty))} or {@code events: count()}.
 *
 * @param name     the field of the result that holds it
 * @param function what to compute
 * @param argument the CEL expression aggregated, or null for {@code count()}
 */
public record Aggregate(String name, Function function, Expression argument) {

    public Aggregate {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(function, "function");
        if (function.takesArgument() != (argument != null)) {
            throw new IllegalArgumentException(function.yamlName()
                    + (function.takesArgument() ? "() needs an expression" : "() takes no expression"));
        }
    }

    /** The aggregate functions. */
    public enum Function {
        /** Events in the window. */
        COUNT(false),
        /** Sum of the numbers; an int while every value is an int, else a double. */
        SUM(true),
        /** Smallest value (numbers, strings or timestamps). */
        MIN(true),
        /** Largest value. */
        MAX(true),
        /** Mean of the numbers, a double. */
        AVG(true),
        /** Number of different values (exact). */
        COUNT_DISTINCT(true),
        /** Value of the earliest event in event time (the first to arrive among equal times). */
        FIRST(true),
        /** Value of the latest event in event time (the last to arrive among equal times). */
        LAST(true);

        private final boolean takesArgument;

        Function(boolean takesArgument) {
            this.takesArgument = takesArgument;
        }

        /** Whether the function aggregates an expression; only count does not. */
        public boolean takesArgument() {
            return takesArgument;
        }

        /** The YAML spelling, such as {@code count_distinct}. */
        public String yamlName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
