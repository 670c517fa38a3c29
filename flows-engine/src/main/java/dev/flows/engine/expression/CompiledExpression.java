package dev.flows.engine.expression;

import dev.flows.api.flow.Expression;
import java.util.Map;

/**
 * A CEL expression compiled and type-checked once, evaluated per event. Thread-safe and allocation-light:
 * compile at flow start, never per event.
 */
public interface CompiledExpression {

    /** The expression as written, with its location, for error messages. */
    Expression source();

    /**
     * Evaluates against variables built by {@link EventVariables} (plus any extra variables declared at
     * compile time, such as {@code row}).
     *
     * @return a plain JSON-like Java value: Map&lt;String,Object&gt;, List&lt;Object&gt;, String, Long,
     *     Double, Boolean, byte[] or null (CEL's own value types are converted)
     * @throws ExpressionException if evaluation fails (no such key, division by zero, wrong type)
     */
    Object evaluate(Map<String, Object> variables);

    /**
     * Evaluates an expression compiled with {@link ResultType#BOOL}.
     *
     * @throws ExpressionException if evaluation fails or does not give a bool
     */
    boolean test(Map<String, Object> variables);
}
