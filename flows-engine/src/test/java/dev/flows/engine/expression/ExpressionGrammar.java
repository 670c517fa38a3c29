package dev.flows.engine.expression;

import java.util.List;
import java.util.Random;

/**
 * Generates random CEL expressions over the event variables and the data members of {@link ExpressionEvents}:
 * every construct of the fast subset, mixed with values of every kind so that many expressions fail at run
 * time (missing keys, wrong types, overflow), and now and then a construct outside the subset. Some read the
 * extra variable {@code row}. Many do not type-check; callers skip those.
 */
final class ExpressionGrammar {

    private static final List<String> BINARY =
            List.of("==", "!=", "<", "<=", ">", ">=", "+", "-", "*", "/", "%", "&&", "||", "&&", "||", "==", "in");
    private static final List<String> FUNCTIONS = List.of(
            "size", "int", "double", "string", "dyn", "math.round", "math.ceil", "math.floor", "math.trunc", "!", "-");
    private static final List<String> METHODS = List.of("startsWith", "endsWith", "contains");
    private static final List<String> LITERALS = List.of(
            "0",
            "1",
            "2",
            "-1",
            "3",
            "100",
            "9223372036854775807",
            "(-9223372036854775807 - 1)",
            "0.0",
            "-0.0",
            "0.5",
            "2.5",
            "1e300",
            "100.0",
            "3.0",
            "\"\"",
            "\"a\"",
            "\"DE\"",
            "\"shop.cart.add\"",
            "\"é\"",
            "\"😀\"",
            "\"1.5\"",
            "true",
            "false",
            "null",
            "[1, 2.0, \"a\"]",
            "[\"DE\", \"FR\", \"a\"]",
            "[]",
            "[3, 7]",
            "1u",
            "b\"ab\"",
            "duration(\"1h\")",
            "timestamp(\"2024-01-01T00:00:00Z\")",
            "{\"a\": 1, \"s\": \"x\"}",
            "1 / 0",
            "double(\"NaN\")");
    private static final List<String> VARIABLES = List.of(
            "type",
            "id",
            "subject",
            "source",
            "specversion",
            "datacontenttype",
            "dataschema",
            "time",
            "data",
            "extensions",
            "extensions.region",
            "extensions.priority",
            "extensions.flag",
            "row",
            "row.a",
            "row.qty");
    private static final List<String> ODD = List.of(
            "data.?s.orValue(\"x\")",
            "[1, 2].exists(x, x > 1)",
            "data.s.lowerAscii()",
            "type.matches(\"^shop\")",
            "time + duration(\"1h\") > time",
            "int(time)",
            "string(time)",
            "data.l.map(x, x)");

    private final Random random;

    ExpressionGrammar(Random random) {
        this.random = random;
    }

    String next() {
        return expression(0);
    }

    private String expression(int depth) {
        int choice = random.nextInt(depth >= 3 ? 4 : 14);
        return switch (choice) {
            case 0, 1 -> path();
            case 2 -> pick(LITERALS);
            case 3 -> pick(VARIABLES);
            case 4, 5, 6, 7 -> binary(depth);
            case 8 -> unary(depth);
            case 9 -> expression(depth + 1) + " ? " + expression(depth + 1) + " : " + expression(depth + 1);
            case 10 -> "has(" + selection() + ")";
            case 11 -> expression(depth + 1) + "." + pick(METHODS) + "(" + expression(depth + 1) + ")";
            case 12 -> random.nextInt(3) == 0 ? pick(ODD) : expression(depth + 1) + "[" + index() + "]";
            default -> "(" + expression(depth + 1) + ")";
        };
    }

    private String binary(int depth) {
        String operator = pick(BINARY);
        return expression(depth + 1) + " " + operator + " " + expression(depth + 1);
    }

    private String unary(int depth) {
        String function = pick(FUNCTIONS);
        if (function.equals("!") || function.equals("-")) {
            return function + expression(depth + 1);
        }
        if (function.equals("size") && random.nextBoolean()) {
            return expression(depth + 1) + ".size()";
        }
        return function + "(" + expression(depth + 1) + ")";
    }

    private String path() {
        return switch (random.nextInt(5)) {
            case 0 -> "data." + key();
            case 1 -> "data.m." + key();
            case 2 -> "data[\"" + key() + "\"]";
            case 3 -> "data.m.m." + key();
            default -> "data." + key() + "." + key();
        };
    }

    private String selection() {
        return switch (random.nextInt(5)) {
            case 0 -> "data.m." + key();
            case 1 -> random.nextBoolean() ? "extensions.region" : "row." + key();
            case 2 -> "data." + key() + "." + key();
            default -> "data." + key();
        };
    }

    private String index() {
        return switch (random.nextInt(4)) {
            case 0 -> "\"" + key() + "\"";
            case 1 -> Integer.toString(random.nextInt(4) - 1);
            case 2 -> "data.qty";
            default -> "1.0";
        };
    }

    private String key() {
        return random.nextInt(12) == 0 ? "missing" : pick(ExpressionEvents.KEYS);
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}
