package dev.flows.engine.expression;

/**
 * Thrown by a {@link FastNode} where CEL evaluation fails (no such key, no matching overload, division by zero,
 * overflow): CEL's {@code &&} and {@code ||} absorb it when the other side decides, anything else passes it up,
 * and {@link FastExpression} then runs the interpreter, which reports the error with its position. A node
 * throws it only where the interpreter certainly fails too; where unsure it throws {@link Bailout}.
 *
 * <p>One shared instance without stack trace: it is thrown per failing event and carries nothing, so it is
 * immutable and costs no allocation.
 */
final class CelError extends RuntimeException {

    static final CelError INSTANCE = new CelError();

    private CelError() {
        super("CEL evaluation error", null, false, false);
    }
}
