package dev.flows.engine.expression;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.ast.CelConstant;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.ast.CelReference;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Plans a checked CEL AST as a tree of {@link FastNode}s, for expressions in the subset the nodes cover:
 * literals, variables, field selection and {@code has()}, map and list indexing, {@code == != < <= > >=},
 * {@code + - * / %} on ints and doubles, string and list {@code +}, {@code && || ! ?:}, {@code in}, {@code
 * size()}, {@code int() double() string() dyn()}, {@code math.round/ceil/floor/trunc} and {@code
 * startsWith/endsWith/contains}. Anything else (comprehensions, optionals, map literals, other functions)
 * leaves the whole expression to the interpreter.
 *
 * <p>Subexpressions without variables are folded at compile time by running the interpreter on them, so
 * {@code timestamp("2024-01-01T00:00:00Z")} or {@code "a,b".split(",")} cost nothing per event and mean
 * exactly what they mean to CEL. Overloads come from the checker's references: an operator whose only
 * candidate takes doubles computes on primitives. One instance per expression; not thread-safe.
 */
final class FastPlanner {

    private static final String DATA = EventVariables.DATA;

    /** Thrown inside the planner when a subexpression is outside the subset. */
    private static final class Unsupported extends RuntimeException {
        private static final Unsupported INSTANCE = new Unsupported();

        private Unsupported() {
            super("outside the fast subset", null, false, false);
        }
    }

    private final CelAbstractSyntaxTree ast;
    private final CelRuntime runtime;
    private final Set<String> variables;
    private final Map<Long, Boolean> constant = new HashMap<>();

    private FastPlanner(CelAbstractSyntaxTree ast, CelRuntime runtime, Set<String> extraVariables) {
        this.ast = ast;
        this.runtime = runtime;
        this.variables = new HashSet<>(EventVariables.NAMES);
        this.variables.addAll(extraVariables);
    }

    /**
     * The tree for a checked expression, or empty when it uses anything outside the subset.
     *
     * @param runtime the runtime the interpreter uses, to fold constant subexpressions with
     */
    static Optional<FastNode> plan(CelAbstractSyntaxTree ast, CelRuntime runtime, Set<String> extraVariables) {
        try {
            return Optional.of(new FastPlanner(ast, runtime, extraVariables).node(ast.getExpr()));
        } catch (Unsupported e) {
            return Optional.empty();
        }
    }

    private FastNode node(CelExpr expr) {
        if (expr.getKind() != CelExpr.ExprKind.Kind.CONSTANT && isConstant(expr)) {
            return fold(expr);
        }
        return switch (expr.getKind()) {
            case CONSTANT -> literal(expr);
            case IDENT -> variable(expr);
            case SELECT -> select(expr);
            case CALL -> call(expr);
            case LIST -> list(expr);
            default -> throw Unsupported.INSTANCE;
        };
    }

    /** Whether a subexpression reads no variable (and holds no comprehension, whose variables are local). */
    private boolean isConstant(CelExpr expr) {
        Boolean known = constant.get(expr.id());
        if (known != null) {
            return known;
        }
        boolean result = switch (expr.getKind()) {
            case CONSTANT -> true;
            case SELECT -> isConstant(expr.select().operand());
            case CALL ->
                expr.call().target().map(this::isConstant).orElse(true)
                        && expr.call().args().stream().allMatch(this::isConstant);
            case LIST -> expr.list().elements().stream().allMatch(this::isConstant);
            case MAP ->
                expr.map().entries().stream().allMatch(entry -> isConstant(entry.key()) && isConstant(entry.value()));
            default -> false;
        };
        constant.put(expr.id(), result);
        return result;
    }

    /** Evaluates a constant subexpression once with the interpreter; one that fails fails at each evaluation. */
    private FastNode fold(CelExpr expr) {
        CelAbstractSyntaxTree constantAst =
                CelAbstractSyntaxTree.newCheckedAst(expr, ast.getSource(), ast.getReferenceMap(), ast.getTypeMap());
        try {
            return ConstantNode.of(runtime.createProgram(constantAst).eval(Map.of()));
        } catch (CelEvaluationException e) {
            return ConstantNode.failing();
        }
    }

    private FastNode literal(CelExpr expr) {
        CelConstant constant = expr.constant();
        return switch (constant.getKind()) {
            case NULL_VALUE -> ConstantNode.of(constant.nullValue());
            case BOOLEAN_VALUE -> ConstantNode.of(constant.booleanValue());
            case INT64_VALUE -> ConstantNode.of(constant.int64Value());
            case DOUBLE_VALUE -> ConstantNode.of(constant.doubleValue());
            case STRING_VALUE -> ConstantNode.of(constant.stringValue());
            default -> fold(expr); // uints, bytes: whatever form the interpreter gives them
        };
    }

    private FastNode variable(CelExpr expr) {
        String name = variableName(expr);
        if (name == null) {
            throw Unsupported.INSTANCE;
        }
        return new VariableNode(name);
    }

    /** The variable an identifier names, or null when it names something else (a type, an enum constant). */
    private String variableName(CelExpr expr) {
        if (expr.getKind() != CelExpr.ExprKind.Kind.IDENT) {
            return null;
        }
        Optional<CelReference> reference = ast.getReference(expr.id());
        if (reference.isPresent() && reference.get().value().isPresent()) {
            return null;
        }
        String name = reference.map(CelReference::name).orElse(expr.ident().name());
        return variables.contains(name) ? name : null;
    }

    private FastNode select(CelExpr expr) {
        CelExpr.CelSelect select = expr.select();
        if (select.testOnly()) {
            List<String> path = dataPath(select.operand());
            if (path != null) {
                return new HasDataPathNode(new DataPathNode(path.toArray(String[]::new)), select.field());
            }
            return new HasNode(node(select.operand()), select.field());
        }
        List<String> path = dataPath(expr);
        if (path != null) {
            return new DataPathNode(path.toArray(String[]::new));
        }
        return new SelectNode(node(select.operand()), select.field());
    }

    /**
     * The keys of a chain of selections (or indexes by a string literal) under {@code data}, empty for {@code
     * data} itself, or null when the expression is something else.
     */
    private List<String> dataPath(CelExpr expr) {
        switch (expr.getKind()) {
            case IDENT -> {
                return DATA.equals(variableName(expr)) ? new ArrayList<>() : null;
            }
            case SELECT -> {
                if (expr.select().testOnly()) {
                    return null;
                }
                List<String> path = dataPath(expr.select().operand());
                if (path != null) {
                    path.add(expr.select().field());
                }
                return path;
            }
            case CALL -> {
                CelExpr.CelCall call = expr.call();
                if (!call.function().equals("_[_]") || call.target().isPresent()) {
                    return null;
                }
                CelExpr key = call.args().get(1);
                if (key.getKind() != CelExpr.ExprKind.Kind.CONSTANT
                        || key.constant().getKind() != CelConstant.Kind.STRING_VALUE) {
                    return null;
                }
                List<String> path = dataPath(call.args().get(0));
                if (path != null) {
                    path.add(key.constant().stringValue());
                }
                return path;
            }
            default -> {
                return null;
            }
        }
    }

    private FastNode call(CelExpr expr) {
        CelExpr.CelCall call = expr.call();
        String function = call.function();
        List<CelExpr> args = call.args();
        List<String> overloads = ast.getReference(expr.id())
                .<List<String>>map(CelReference::overloadIds)
                .orElse(List.of());
        if (call.target().isPresent()) {
            return method(function, call.target().get(), args);
        }
        switch (function) {
            case "_&&_" -> {
                return new AndNode(node(args.get(0)), node(args.get(1)));
            }
            case "_||_" -> {
                return new OrNode(node(args.get(0)), node(args.get(1)));
            }
            case "!_" -> {
                return new NotNode(node(args.get(0)));
            }
            case "-_" -> {
                return new NegateNode(node(args.get(0)));
            }
            case "_?_:_" -> {
                return new ConditionalNode(node(args.get(0)), node(args.get(1)), node(args.get(2)));
            }
            case "_==_", "_!=_" -> {
                return equality(args.get(0), args.get(1), function.equals("_!=_"));
            }
            case "_<_" -> {
                return new OrderNode(CelValues.LESS, node(args.get(0)), node(args.get(1)));
            }
            case "_<=_" -> {
                return new OrderNode(CelValues.LESS_OR_EQUAL, node(args.get(0)), node(args.get(1)));
            }
            case "_>_" -> {
                return new OrderNode(CelValues.GREATER, node(args.get(0)), node(args.get(1)));
            }
            case "_>=_" -> {
                return new OrderNode(CelValues.GREATER_OR_EQUAL, node(args.get(0)), node(args.get(1)));
            }
            case "@in" -> {
                return in(args.get(0), args.get(1));
            }
            case "_[_]" -> {
                List<String> path = dataPath(expr);
                if (path != null) {
                    return new DataPathNode(path.toArray(String[]::new));
                }
                return new IndexNode(
                        node(args.get(0)),
                        node(args.get(1)),
                        overloads.contains("index_list"),
                        overloads.contains("index_map"));
            }
            case "size" -> {
                return new SizeNode(node(args.get(0)));
            }
            default -> {
                return function(function, args, overloads);
            }
        }
    }

    private FastNode function(String function, List<CelExpr> args, List<String> overloads) {
        Arithmetic arithmetic = Arithmetic.of(function);
        if (arithmetic != null) {
            return arithmetic(arithmetic, node(args.get(0)), node(args.get(1)), overloads);
        }
        Conversion conversion = Conversion.of(function);
        if (conversion != null && args.size() == 1) {
            return new ConversionNode(conversion, node(args.get(0)));
        }
        MathNode.Function math = MathNode.Function.of(function);
        if (math != null && args.size() == 1 && overloads.stream().allMatch(id -> id.endsWith("_double"))) {
            return new MathNode(math, node(args.get(0)));
        }
        throw Unsupported.INSTANCE;
    }

    /** A receiver-style call: {@code x.size()}, {@code s.startsWith(p)}. */
    private FastNode method(String function, CelExpr target, List<CelExpr> args) {
        if (function.equals("size") && args.isEmpty()) {
            return new SizeNode(node(target));
        }
        StringTestNode.Test test = StringTestNode.Test.of(function);
        if (test != null && args.size() == 1) {
            return new StringTestNode(test, node(target), node(args.get(0)));
        }
        throw Unsupported.INSTANCE;
    }

    /** An operator typed by its candidate overloads: primitive when only the double (or int) one is left. */
    private static FastNode arithmetic(Arithmetic operator, FastNode left, FastNode right, List<String> overloads) {
        boolean ints = overloads.contains(operator.overload("int64"));
        boolean doubles = overloads.contains(operator.overload("double"));
        if (overloads.size() == 1 && doubles) {
            return new DoubleArithmeticNode(operator, left, right);
        }
        if (overloads.size() == 1 && ints) {
            return new LongArithmeticNode(operator, left, right);
        }
        return new ArithmeticNode(
                operator,
                left,
                right,
                ints,
                doubles,
                overloads.contains(operator.overload("string")),
                overloads.contains(operator.overload("list")));
    }

    /** {@code ==} and {@code !=}, comparing bytes when one side is a string literal. */
    private FastNode equality(CelExpr left, CelExpr right, boolean negated) {
        FastNode a = node(left);
        FastNode b = node(right);
        if (b instanceof ConstantNode constant && constant.value() instanceof String text) {
            return new StringEqualsNode(a, text, negated);
        }
        if (a instanceof ConstantNode constant && constant.value() instanceof String text) {
            return new StringEqualsNode(b, text, negated);
        }
        return new EqualsNode(a, b, negated);
    }

    /** {@code in}, comparing bytes when the container is a list literal of strings. */
    private FastNode in(CelExpr value, CelExpr container) {
        FastNode element = node(value);
        FastNode in = node(container);
        if (in instanceof ConstantNode constant && constant.value() instanceof List<?> list && !list.isEmpty()) {
            boolean strings = list.stream().allMatch(String.class::isInstance);
            if (strings) {
                return new InStringsNode(element, new StringConstants(list.toArray(String[]::new)));
            }
        }
        return new InNode(element, in);
    }

    private FastNode list(CelExpr expr) {
        if (!expr.list().optionalIndices().isEmpty()) {
            throw Unsupported.INSTANCE;
        }
        List<FastNode> elements = new ArrayList<>();
        for (CelExpr element : expr.list().elements()) {
            elements.add(node(element));
        }
        return new ListNode(elements);
    }
}
