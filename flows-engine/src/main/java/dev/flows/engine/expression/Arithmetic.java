package dev.flows.engine.expression;

/** CEL's arithmetic operators and how each applies to ints and doubles, with CEL's int overflow errors. */
enum Arithmetic {
    ADD("_+_", "add"),
    SUBTRACT("_-_", "subtract"),
    MULTIPLY("_*_", "multiply"),
    DIVIDE("_/_", "divide"),
    MODULO("_%_", "modulo");

    private final String function;
    private final String overloadPrefix;

    Arithmetic(String function, String overloadPrefix) {
        this.function = function;
        this.overloadPrefix = overloadPrefix;
    }

    /** The operator of a CEL function name such as {@code _+_}, or null. */
    static Arithmetic of(String function) {
        for (Arithmetic operator : values()) {
            if (operator.function.equals(function)) {
                return operator;
            }
        }
        return null;
    }

    /** The overload id of this operator for a type suffix such as {@code int64}: {@code add_int64}. */
    String overload(String type) {
        return overloadPrefix + "_" + type;
    }

    /** The int result; overflow, division by zero and modulo by zero are CEL errors. */
    long apply(long a, long b) {
        try {
            return switch (this) {
                case ADD -> Math.addExact(a, b);
                case SUBTRACT -> Math.subtractExact(a, b);
                case MULTIPLY -> Math.multiplyExact(a, b);
                case DIVIDE -> {
                    if (a == Long.MIN_VALUE && b == -1) {
                        throw CelError.INSTANCE; // "most negative number wraps"
                    }
                    yield a / b;
                }
                case MODULO -> a % b;
            };
        } catch (ArithmeticException e) {
            throw CelError.INSTANCE;
        }
    }

    /** The double result, IEEE 754 (division by zero gives an infinity); CEL has no double modulo. */
    double apply(double a, double b) {
        return switch (this) {
            case ADD -> a + b;
            case SUBTRACT -> a - b;
            case MULTIPLY -> a * b;
            case DIVIDE -> a / b;
            case MODULO -> throw CelError.INSTANCE;
        };
    }
}
