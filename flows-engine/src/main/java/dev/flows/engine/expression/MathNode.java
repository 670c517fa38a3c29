package dev.flows.engine.expression;

import com.google.common.math.DoubleMath;
import java.math.RoundingMode;
import java.util.Map;

/**
 * The double functions of CEL's math extension that flows use to round money: {@code math.round} (half away
 * from zero), {@code math.ceil}, {@code math.floor} and {@code math.trunc}, computed as cel-java computes them.
 */
final class MathNode extends FastNode {

    /** One of the functions. */
    enum Function {
        ROUND("math.round"),
        CEIL("math.ceil"),
        FLOOR("math.floor"),
        TRUNC("math.trunc");

        private final String name;

        Function(String name) {
            this.name = name;
        }

        /** The function of a CEL function name, or null. */
        static Function of(String name) {
            for (Function function : values()) {
                if (function.name.equals(name)) {
                    return function;
                }
            }
            return null;
        }
    }

    private final Function function;
    private final FastNode operand;

    MathNode(Function function, FastNode operand) {
        this.function = function;
        this.operand = operand;
    }

    @Override
    Object eval(Map<String, Object> variables, RawEventVariables event) {
        return evalDouble(variables, event);
    }

    @Override
    double evalDouble(Map<String, Object> variables, RawEventVariables event) {
        double x = operand.evalDouble(variables, event);
        return switch (function) {
            case ROUND -> round(x);
            case CEIL -> Math.ceil(x);
            case FLOOR -> Math.floor(x);
            case TRUNC -> Double.isNaN(x) || Double.isInfinite(x) ? x : (double) (long) x;
        };
    }

    private static double round(double x) {
        if (Double.isNaN(x) || Double.isInfinite(x)) {
            return x;
        }
        try {
            return DoubleMath.roundToLong(x, RoundingMode.HALF_UP);
        } catch (ArithmeticException e) {
            throw CelError.INSTANCE; // beyond the long range: the function fails
        }
    }
}
