package dev.flows.engine.expression;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flows.api.event.Event;
import dev.flows.api.flow.Expression;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Compares CEL's heterogeneous int/double comparisons against Java arithmetic on random amounts. Prints its
 * seed; rerun a failure with {@code -Dflows.seed=<seed>}.
 */
class NumericComparisonPropertyTest {

    private static final CelCompiler CEL = new CelCompiler();
    private static final List<String> OPERATORS = List.of("<", "<=", ">", ">=", "==", "!=");

    @Test
    void shouldAgreeWithJavaOnRandomComparisonsOfIntsAndDoubles() {
        long seed = Long.getLong("flows.seed", System.nanoTime());
        System.out.println("NumericComparisonPropertyTest seed: " + seed);
        Random random = new Random(seed);
        for (int round = 0; round < 300; round++) {
            Number amount = randomNumber(random);
            Number threshold = random.nextInt(4) == 0 ? amount : randomNumber(random);
            String operator = OPERATORS.get(random.nextInt(OPERATORS.size()));
            boolean literal = random.nextBoolean();
            String text = "data.amount " + operator + " " + (literal ? literal(threshold) : "data.threshold");
            Event event = Event.of("e-" + round, "/p", "p", Map.of("amount", amount, "threshold", threshold));
            boolean actual = CEL.compile(Expression.of(text), ResultType.BOOL).test(EventVariables.of(event));
            assertThat(actual)
                    .as("seed %d: %s with amount=%s threshold=%s", seed, text, amount, threshold)
                    .isEqualTo(expected(amount, operator, threshold));
        }
    }

    private static Number randomNumber(Random random) {
        long whole = random.nextLong(-1_000_000, 1_000_000);
        return switch (random.nextInt(3)) {
            case 0 -> whole;
            case 1 -> (double) whole;
            default -> whole / 100.0;
        };
    }

    private static String literal(Number number) {
        return number instanceof Long ? number.toString() : Double.toString(number.doubleValue());
    }

    private static boolean expected(Number a, String operator, Number b) {
        int comparison = a instanceof Long x && b instanceof Long y
                ? Long.compare(x, y)
                : Double.compare(a.doubleValue(), b.doubleValue());
        return switch (operator) {
            case "<" -> comparison < 0;
            case "<=" -> comparison <= 0;
            case ">" -> comparison > 0;
            case ">=" -> comparison >= 0;
            case "==" -> comparison == 0;
            default -> comparison != 0;
        };
    }
}
