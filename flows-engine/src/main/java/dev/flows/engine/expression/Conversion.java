package dev.flows.engine.expression;

import java.time.Instant;

/**
 * CEL's type conversions {@code int()}, {@code double()}, {@code string()} and {@code dyn()} as cel-java's
 * standard functions compute them (the JDK's parsers and formats). Conversions of unsigned ints, bytes,
 * durations and timestamps to strings are left to the interpreter.
 */
enum Conversion {
    INT("int"),
    DOUBLE("double"),
    STRING("string"),
    DYN("dyn");

    private final String function;

    Conversion(String function) {
        this.function = function;
    }

    /** The conversion of a CEL function name, or null. */
    static Conversion of(String function) {
        for (Conversion conversion : values()) {
            if (conversion.function.equals(function)) {
                return conversion;
            }
        }
        return null;
    }

    Object apply(Object value) {
        return switch (this) {
            case INT -> toInt(value);
            case DOUBLE -> toDouble(value);
            case STRING -> toText(value);
            case DYN -> value;
        };
    }

    static long toInt(Object value) {
        return switch (value) {
            case Long number -> number;
            case Double number -> {
                // cel-java refuses doubles whose exponent reaches 63: beyond the long range, or NaN/infinite.
                if (Math.getExponent(number) >= 63) {
                    throw CelError.INSTANCE;
                }
                yield (long) number.doubleValue();
            }
            case String text -> {
                try {
                    yield Long.parseLong(text);
                } catch (NumberFormatException e) {
                    throw CelError.INSTANCE;
                }
            }
            case Instant instant -> instant.getEpochSecond();
            default -> throw failure(value);
        };
    }

    static double toDouble(Object value) {
        return switch (value) {
            case Double number -> number;
            case Long number -> number.doubleValue();
            case String text -> {
                try {
                    yield Double.parseDouble(text);
                } catch (NumberFormatException e) {
                    throw CelError.INSTANCE;
                }
            }
            default -> throw failure(value);
        };
    }

    private static String toText(Object value) {
        return switch (value) {
            case String text -> text;
            case Long number -> number.toString();
            case Double number -> number.toString();
            case Boolean bool -> bool.toString();
            default -> throw value instanceof Instant ? Bailout.INSTANCE : failure(value);
        };
    }

    private static RuntimeException failure(Object value) {
        return CelValues.isUnmodeled(value) ? Bailout.INSTANCE : CelError.INSTANCE;
    }
}
