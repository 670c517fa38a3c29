package dev.flows.engine.expression;

import java.util.Map;

/** A type conversion such as {@code double(data.qty)} (see {@link Conversion}). */
final class ConversionNode extends FastNode {

    private final Conversion conversion;
    private final FastNode operand;

    ConversionNode(Conversion conversion, FastNode operand) {
        this.conversion = conversion;
        this.operand = operand;
    }

    @Override
    Object eval(Map<String, Object> variables, RawEventVariables event) {
        return conversion.apply(operand.eval(variables, event));
    }

    @Override
    double evalDouble(Map<String, Object> variables, RawEventVariables event) {
        if (conversion == Conversion.DOUBLE) {
            return Conversion.toDouble(operand.eval(variables, event));
        }
        return super.evalDouble(variables, event);
    }

    @Override
    long evalLong(Map<String, Object> variables, RawEventVariables event) {
        if (conversion == Conversion.INT) {
            return Conversion.toInt(operand.eval(variables, event));
        }
        return super.evalLong(variables, event);
    }
}
