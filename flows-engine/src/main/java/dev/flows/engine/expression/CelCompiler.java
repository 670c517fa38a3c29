package dev.flows.engine.expression;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelIssue;
import dev.cel.common.CelValidationException;
import dev.cel.common.CelValidationResult;
import dev.cel.common.types.CelKind;
import dev.cel.common.types.CelType;
import dev.cel.common.types.CelTypes;
import dev.cel.runtime.CelEvaluationException;
import dev.flows.api.error.FlowDefinitionException;
import dev.flows.api.error.Problem;
import dev.flows.api.flow.Expression;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compiles and type-checks CEL expressions over events (the variables of {@link EventVariables}) into
 * {@link CompiledExpression}s. The CEL environment is built once per instance (which takes a moment), so
 * create one and share it: it is thread-safe.
 *
 * <p>Besides standard CEL, expressions may use the string extensions ({@code lowerAscii}, {@code split},
 * ...), the math extensions ({@code math.greatest}, ...), optional syntax ({@code data.?x.orValue(0)})
 * and set functions ({@code sets.contains}); ints and doubles compare with each other ({@code
 * data.amount > 500} holds for an amount of 500.5).
 *
 * <p>Expressions in the common subset {@link FastPlanner} covers (selections, comparisons, arithmetic, logic,
 * {@code in}, {@code size()}, conversions, rounding) are evaluated by walking their checked AST directly, and on
 * variables bound with {@link RawEventVariables} they read the event from its JSON bytes; the CEL interpreter
 * evaluates the rest, and gives every error. Both give the same results.
 */
public final class CelCompiler {

    private final CelEnvironment environment = new CelEnvironment();

    /** Builds the CEL environment. */
    public CelCompiler() {}

    /**
     * Compiles an expression over the event variables only.
     *
     * @see #compile(Expression, ResultType, Set)
     */
    public CompiledExpression compile(Expression expression, ResultType expected) {
        return compile(expression, expected, Set.of());
    }

    /**
     * Compiles and type-checks an expression.
     *
     * @param expression     the text and where it stands in its file
     * @param expected       {@link ResultType#BOOL} refuses expressions CEL can tell are not bool
     * @param extraVariables names bound besides the event variables, of type {@code dyn} (for example
     *     {@code row} for table updates); must not be event variable names
     * @return a thread-safe compiled expression
     * @throws FlowDefinitionException with one problem per error, each at the file position of the
     *     offending character
     * @throws IllegalArgumentException if an extra variable has an event variable's name
     */
    public CompiledExpression compile(Expression expression, ResultType expected, Set<String> extraVariables) {
        for (String name : extraVariables) {
            if (EventVariables.NAMES.contains(name)) {
                throw new IllegalArgumentException(
                        "extra variable '" + name + "' hides the event variable of that name; choose another name");
            }
        }
        return compile(
                expression, expected, extraVariables, environment.compiler(extraVariables), variables(extraVariables));
    }

    /**
     * Compiles and type-checks an expression over {@code variables} only, each of type {@code dyn}, without the
     * event variables: for expressions over something other than an event, such as a table row.
     *
     * @param variables the names bound at evaluation, e.g. {@code row} and {@code key}
     * @return a thread-safe compiled expression
     * @throws FlowDefinitionException with one problem per error, each at the position of the offending character
     */
    public CompiledExpression compileOver(Expression expression, ResultType expected, Set<String> variables) {
        return compile(
                expression,
                expected,
                variables,
                environment.bareCompiler(variables),
                List.copyOf(new TreeSet<>(variables)));
    }

    private CompiledExpression compile(
            Expression expression,
            ResultType expected,
            Set<String> extraVariables,
            dev.cel.compiler.CelCompiler compiler,
            List<String> variableNames) {
        if (expression.text().isBlank()) {
            throw problem(expression, "the expression is empty; write a CEL expression, e.g. " + example(expected));
        }
        CelValidationResult result = compiler.compile(expression.text());
        if (result.hasError()) {
            throw problems(expression, result.getErrors(), variableNames);
        }
        try {
            CelAbstractSyntaxTree ast = result.getAst();
            if (expected == ResultType.BOOL && !maybeBool(ast.getResultType())) {
                throw problem(expression, notBool(ast.getResultType()));
            }
            CelExpression interpreted =
                    new CelExpression(expression, environment.runtime().createProgram(ast));
            return FastPlanner.plan(ast, environment.runtime(), extraVariables)
                    .<CompiledExpression>map(root -> new FastExpression(root, interpreted))
                    .orElse(interpreted);
        } catch (CelValidationException e) {
            throw problems(expression, e.getErrors(), variableNames);
        } catch (CelEvaluationException e) {
            throw problem(expression, "CEL cannot plan this expression: " + e.getMessage() + "; simplify it");
        }
    }

    private static boolean maybeBool(CelType type) {
        return type.kind() == CelKind.BOOL || type.kind() == CelKind.DYN || type.kind() == CelKind.ANY;
    }

    private static String notBool(CelType type) {
        String name = CelTypes.format(type).replace("google.protobuf.", "").toLowerCase(Locale.ROOT);
        String hint = switch (type.kind()) {
            case STRING -> "compare it, e.g. type == \"shop.order.placed\"";
            case INT, UINT, DOUBLE -> "compare it, e.g. data.amount > 500.0";
            case LIST -> "test its elements, e.g. data.items.exists(i, i.sku == \"A1\"), or size(...) > 0";
            case MAP -> "test a field, e.g. has(data.order) or data.order.total > 0";
            default -> "compare it, e.g. type == \"shop.order.placed\"";
        };
        return "a filter or route condition must be a bool expression, this one is of type " + name + "; " + hint;
    }

    private static String example(ResultType expected) {
        return switch (expected) {
            case BOOL -> "type == \"shop.order.placed\"";
            case ANY -> "data.price * 2.0";
        };
    }

    private static List<String> variables(Set<String> extraVariables) {
        List<String> names = new ArrayList<>(EventVariables.NAMES);
        names.addAll(new TreeSet<>(extraVariables));
        return names;
    }

    private static FlowDefinitionException problems(
            Expression expression, List<CelIssue> issues, List<String> variables) {
        return new FlowDefinitionException(issues.stream()
                .map(issue -> CompileProblems.of(expression, issue, variables))
                .toList());
    }

    private static FlowDefinitionException problem(Expression expression, String message) {
        return new FlowDefinitionException(List.of(new Problem(expression.location(), message)));
    }
}
