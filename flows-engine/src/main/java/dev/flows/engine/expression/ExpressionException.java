package dev.flows.engine.expression;

import dev.flows.api.error.FlowsException;

/**
 * Evaluating an expression on one event failed: the event lacks a field the expression needs, or a value
 * has the wrong type. The message names the expression, its location and the cause, and says what to do
 * (guard with {@code has(data.x)}, convert with {@code double(...)}). Retrying the same event cannot help.
 */
public class ExpressionException extends FlowsException {

    public ExpressionException(String message, Throwable cause) {
        super(message, cause);
    }
}
