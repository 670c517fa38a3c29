package dev.flows.engine.expression;

import java.util.Map;

/**
 * One node of an expression tree that {@link FastPlanner} built from a checked CEL AST. A node evaluates to
 * what the CEL interpreter would give for its subexpression, in CEL's runtime form (Long, Double, String,
 * Boolean, {@code NullValue}, Instant, lists and maps), or throws {@link CelError} where the interpreter fails
 * and {@link Bailout} where it cannot tell. Immutable and thread-safe.
 *
 * <p>{@code event} is the lazy form of {@code variables} when they were bound from JSON bytes ({@link
 * RawEventVariables}), else null; nodes that read the event use it to work on the bytes. The typed variants
 * ({@link #evalBool}, {@link #evalLong}, {@link #evalDouble}) let a parent whose CEL overload takes only that
 * type skip boxing: they fail as the overload dispatch would when the value has another type.
 */
abstract class FastNode {

    /** The value, in CEL's runtime form; never null. */
    abstract Object eval(Map<String, Object> variables, RawEventVariables event);

    /** The value, which must be a bool. */
    boolean evalBool(Map<String, Object> variables, RawEventVariables event) {
        if (eval(variables, event) instanceof Boolean value) {
            return value;
        }
        throw CelError.INSTANCE;
    }

    /** The value, which must be an int. */
    long evalLong(Map<String, Object> variables, RawEventVariables event) {
        if (eval(variables, event) instanceof Long value) {
            return value;
        }
        throw CelError.INSTANCE;
    }

    /** The value, which must be a double. */
    double evalDouble(Map<String, Object> variables, RawEventVariables event) {
        if (eval(variables, event) instanceof Double value) {
            return value;
        }
        throw CelError.INSTANCE;
    }

    /**
     * Which of {@code strings} the value equals under CEL's {@code ==}, or -1. Nodes that read the event
     * override it to compare bytes without building a String.
     */
    int indexOfString(Map<String, Object> variables, RawEventVariables event, StringConstants strings) {
        return strings.indexOf(eval(variables, event));
    }
}
