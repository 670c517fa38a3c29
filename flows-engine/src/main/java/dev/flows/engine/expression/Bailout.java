package dev.flows.engine.expression;

/**
 * Thrown by a {@link FastNode} that meets a value it does not model (an unsigned int, bytes, a duration, an
 * optional, an unbound variable): the whole evaluation is handed to the CEL interpreter, which decides. Unlike
 * {@link CelError}, {@code &&} and {@code ||} never absorb it, because the interpreter might not fail there.
 *
 * <p>One shared instance without stack trace, immutable, as for {@link CelError}.
 */
final class Bailout extends RuntimeException {

    static final Bailout INSTANCE = new Bailout();

    private Bailout() {
        super("not evaluated by the fast path", null, false, false);
    }
}
