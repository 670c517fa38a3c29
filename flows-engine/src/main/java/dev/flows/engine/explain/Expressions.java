package dev.flows.engine.explain;

import dev.flows.api.flow.Expression;

/**
 * Expressions and other written text on one line: a multi-line YAML scalar ({@code |} or {@code >}) has its
 * line breaks and the indentation after them folded into single spaces, so that each part of a description
 * stays on its line. Stateless.
 */
final class Expressions {

    private Expressions() {}

    static String text(Expression expression) {
        return oneLine(expression.text());
    }

    static String oneLine(String text) {
        return text.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
