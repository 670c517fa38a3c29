package dev.flows.engine.expression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.flows.api.error.FlowDefinitionException;
import dev.flows.api.event.Event;
import dev.flows.api.flow.Expression;
import dev.flows.engine.format.JsonEventFormat;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Holds the fast evaluator to the CEL interpreter: random expressions from {@link ExpressionGrammar} over random
 * events from {@link ExpressionEvents}, each evaluated by the interpreter and by the tree alone (no fallback),
 * on variables bound eagerly ({@link EventVariables#of}) and lazily ({@link RawEventVariables}), half of them
 * with an extra variable {@code row} added by {@link EventVariables#with}. Where the
 * interpreter gives a value the tree must give the same one (compared strictly: -0.0 is not 0.0) or leave
 * the case to the interpreter; where the interpreter fails the tree must fail. Through the public methods,
 * values and error messages must be the interpreter's. Prints its seed; rerun a failure with {@code
 * -Dflows.seed=<seed>}.
 */
class FastExpressionDifferentialTest {

    private static final CelCompiler CEL = new CelCompiler();
    private static final int EXPRESSIONS = 3_000;
    private static final int EVENTS_PER_EXPRESSION = 4;
    private static final Object NO_ROW = new Object();

    private final JsonEventFormat format = new JsonEventFormat();
    private final RawEventVariables lazy = new RawEventVariables();

    private int values;
    private int errors;
    private int bailouts;

    /** What an evaluation gave: a value, an error message, or the tree's own signal. */
    private record Outcome(Object value, String error, boolean celError, boolean bailout) {

        boolean failed() {
            return error != null || celError || bailout;
        }

        static Outcome of(Supplier<Object> evaluation) {
            try {
                return new Outcome(evaluation.get(), null, false, false);
            } catch (CelError e) {
                return new Outcome(null, null, true, false);
            } catch (Bailout e) {
                return new Outcome(null, null, false, true);
            } catch (ExpressionException e) {
                // A byte[] result is named by its identity hash, which differs between two evaluations.
                return new Outcome(null, e.getMessage().replaceAll("\\[B@\\p{XDigit}+", "[B"), false, false);
            }
        }
    }

    @Test
    void shouldAgreeWithTheInterpreterOnRandomExpressionsOverRandomEvents() {
        long seed = Long.getLong("flows.seed", System.nanoTime());
        System.out.println("FastExpressionDifferentialTest seed: " + seed);
        Random random = new Random(seed);
        ExpressionGrammar grammar = new ExpressionGrammar(random);
        ExpressionEvents events = new ExpressionEvents(random);
        int planned = 0;
        int interpreted = 0;
        int illTyped = 0;
        while (planned < EXPRESSIONS) {
            String text = grammar.next();
            boolean withRow = random.nextBoolean();
            CompiledExpression compiled;
            try {
                compiled = CEL.compile(Expression.of(text), ResultType.ANY, withRow ? Set.of("row") : Set.of());
            } catch (FlowDefinitionException e) {
                illTyped++;
                continue;
            }
            if (!(compiled instanceof FastExpression fast)) {
                interpreted++;
                continue;
            }
            planned++;
            for (int i = 0; i < EVENTS_PER_EXPRESSION; i++) {
                Object row = withRow ? events.row() : NO_ROW;
                compare(
                        fast,
                        events.next(),
                        row,
                        "`" + text + "`" + (withRow ? " with row " + row : "") + " (seed " + seed + ")");
            }
        }
        System.out.printf(
                "FastExpressionDifferentialTest: %d expressions planned, %d left to the interpreter, %d ill-typed;"
                        + " %d cases: %d values, %d errors, %d evaluations left to the interpreter by the tree%n",
                planned, interpreted, illTyped, planned * EVENTS_PER_EXPRESSION, values, errors, bailouts);
        assertThat(values).isGreaterThan(EXPRESSIONS / 2);
        assertThat(errors).isGreaterThan(EXPRESSIONS / 2);
    }

    private void compare(FastExpression fast, Event event, Object row, String context) {
        byte[] bytes = format.encode(event);
        Map<String, Object> eager = withRow(EventVariables.of(format.decode(bytes)), row);
        Map<String, Object> raw = withRow(lazy.reset(bytes, 0, bytes.length), row);
        String where = context + " on " + new String(bytes, StandardCharsets.UTF_8);

        Outcome expected = Outcome.of(() -> fast.interpreter().evaluate(eager));
        assertSame(
                Outcome.of(() -> fast.interpreter().evaluate(raw)), expected, "interpreter on lazy variables " + where);
        if (expected.failed()) {
            errors++;
        } else {
            values++;
        }
        assertTreeAgrees(Outcome.of(() -> fast.evaluateWithoutFallback(eager)), expected, "eager " + where);
        assertTreeAgrees(Outcome.of(() -> fast.evaluateWithoutFallback(raw)), expected, "lazy " + where);
        assertSame(Outcome.of(() -> fast.evaluate(raw)), expected, "evaluate " + where);
        assertSame(Outcome.of(() -> fast.evaluate(eager)), expected, "evaluate " + where);

        Outcome expectedTest = Outcome.of(() -> fast.interpreter().test(eager));
        assertTreeAgrees(Outcome.of(() -> fast.testWithoutFallback(raw)), expectedTest, "test " + where);
        assertSame(Outcome.of(() -> fast.test(raw)), expectedTest, "test " + where);
    }

    private static Map<String, Object> withRow(Map<String, Object> variables, Object row) {
        return row == NO_ROW ? variables : EventVariables.with(variables, "row", row);
    }

    /** The tree alone: the interpreter's value, or a failure where the interpreter failed, or a bail-out. */
    private void assertTreeAgrees(Outcome tree, Outcome expected, String where) {
        if (tree.bailout()) {
            bailouts++;
            return;
        }
        if (expected.failed()) {
            if (!tree.failed()) {
                fail("the interpreter failed (" + expected.error() + ") but the tree gave " + describe(tree.value())
                        + " for " + where);
            }
            return;
        }
        if (tree.failed()) {
            fail("the interpreter gave " + describe(expected.value()) + " but the tree failed for " + where);
        }
        if (!same(tree.value(), expected.value())) {
            fail("the interpreter gave " + describe(expected.value()) + " but the tree gave " + describe(tree.value())
                    + " for " + where);
        }
    }

    private static void assertSame(Outcome actual, Outcome expected, String where) {
        if (!Objects.equals(actual.error(), expected.error())
                || actual.failed() != expected.failed()
                || !same(actual.value(), expected.value())) {
            fail("expected " + describe(expected) + " but got " + describe(actual) + " for " + where);
        }
    }

    /** Equality that tells -0.0 from 0.0, compares byte arrays by content and maps in their order. */
    private static boolean same(Object a, Object b) {
        if (a instanceof byte[] x) {
            return b instanceof byte[] y && Arrays.equals(x, y);
        }
        if (a instanceof Map<?, ?> x) {
            return b instanceof Map<?, ?> y && same(List.copyOf(x.entrySet()), List.copyOf(y.entrySet()));
        }
        if (a instanceof Map.Entry<?, ?> x) {
            return b instanceof Map.Entry<?, ?> y && same(x.getKey(), y.getKey()) && same(x.getValue(), y.getValue());
        }
        if (a instanceof List<?> x) {
            if (!(b instanceof List<?> y) || x.size() != y.size()) {
                return false;
            }
            Iterator<?> others = y.iterator();
            return x.stream().allMatch(element -> same(element, others.next()));
        }
        return Objects.equals(a, b);
    }

    private static String describe(Outcome outcome) {
        if (outcome.error() != null) {
            return "error '" + outcome.error() + "'";
        }
        if (outcome.celError() || outcome.bailout()) {
            return outcome.celError() ? "a CEL error" : "a bail-out";
        }
        return describe(outcome.value());
    }

    private static String describe(Object value) {
        return value == null ? "null" : value + " (" + value.getClass().getSimpleName() + ")";
    }
}
