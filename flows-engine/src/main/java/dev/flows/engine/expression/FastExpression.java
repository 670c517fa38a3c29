package dev.flows.engine.expression;

import dev.flows.api.flow.Expression;
import java.util.Map;

/**
 * A compiled expression evaluated by walking the tree {@link FastPlanner} built from its checked AST, without
 * the CEL interpreter; the interpreter stays beside it and owns every failure. When the tree fails (a CEL
 * error, a value it does not model, a conversion that finds the event malformed), the same variables are
 * evaluated again by the interpreter, which gives CEL's result or its error with the failing position: so
 * the results, and the errors, are the interpreter's, and only the successful path is fast. Immutable and
 * thread-safe.
 */
final class FastExpression implements CompiledExpression {

    private final FastNode root;
    private final CelExpression interpreter;

    FastExpression(FastNode root, CelExpression interpreter) {
        this.root = root;
        this.interpreter = interpreter;
    }

    @Override
    public Expression source() {
        return interpreter.source();
    }

    @Override
    public Object evaluate(Map<String, Object> variables) {
        try {
            return CelOutput.plain(root.eval(variables, EventVariables.raw(variables)));
        } catch (RuntimeException e) {
            return interpreter.evaluate(variables);
        }
    }

    @Override
    public boolean test(Map<String, Object> variables) {
        try {
            return root.evalBool(variables, EventVariables.raw(variables));
        } catch (RuntimeException e) {
            return interpreter.test(variables);
        }
    }

    /** The interpreter this expression falls back to; for tests and benchmarks. */
    CelExpression interpreter() {
        return interpreter;
    }

    /**
     * The tree's own result, without falling back: for tests that hold the tree to the interpreter.
     *
     * @throws CelError where the tree finds a CEL error
     * @throws Bailout where the tree leaves the evaluation to the interpreter
     */
    Object evaluateWithoutFallback(Map<String, Object> variables) {
        return CelOutput.plain(root.eval(variables, EventVariables.raw(variables)));
    }

    /** {@link #test} without falling back, as {@link #evaluateWithoutFallback}. */
    boolean testWithoutFallback(Map<String, Object> variables) {
        return root.evalBool(variables, EventVariables.raw(variables));
    }
}
