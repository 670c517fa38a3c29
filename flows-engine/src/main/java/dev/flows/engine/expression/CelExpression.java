package dev.flows.engine.expression;

import dev.cel.common.values.NullValue;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelUnknownSet;
import dev.cel.runtime.CelVariableResolver;
import dev.flows.api.flow.Expression;
import java.util.Map;
import java.util.Optional;

/**
 * An expression compiled by {@link CelCompiler}: a planned CEL program plus its source for error
 * messages. Immutable and thread-safe; evaluation reads variables through a resolver, so binding copies
 * nothing.
 */
final class CelExpression implements CompiledExpression {

    private final Expression source;
    private final CelRuntime.Program program;

    CelExpression(Expression source, CelRuntime.Program program) {
        this.source = source;
        this.program = program;
    }

    @Override
    public Expression source() {
        return source;
    }

    @Override
    public Object evaluate(Map<String, Object> variables) {
        return CelOutput.plain(run(variables));
    }

    @Override
    public boolean test(Map<String, Object> variables) {
        Object result = run(variables);
        if (result instanceof Boolean bool) {
            return bool;
        }
        Object plain = CelOutput.plain(result);
        String type = plain == null ? "null" : plain.getClass().getSimpleName();
        throw EvaluationFailure.of(
                source,
                "the result " + plain + " (" + type + ") is not a bool; make the condition compare or test"
                        + " the value, e.g. data.flag == true or has(data.flag)",
                null);
    }

    private Object run(Map<String, Object> variables) {
        Object result;
        try {
            result = program.eval(resolver(variables));
        } catch (CelEvaluationException e) {
            throw EvaluationFailure.of(source, e);
        } catch (RuntimeException e) {
            throw EvaluationFailure.of(
                    source, e + "; check that the event's data is JSON (maps, lists, strings, numbers, bools)", e);
        }
        if (result instanceof CelUnknownSet) {
            throw EvaluationFailure.of(
                    source,
                    "a variable it reads was not bound; bind the variables with EventVariables.of(event), plus"
                            + " the extra variables the expression was compiled with",
                    null);
        }
        return result;
    }

    private static CelVariableResolver resolver(Map<String, Object> variables) {
        return name -> {
            Object value = variables.get(name);
            if (value == null) {
                return variables.containsKey(name) ? Optional.of(NullValue.NULL_VALUE) : Optional.empty();
            }
            return Optional.of(CelInput.of(value));
        };
    }
}
