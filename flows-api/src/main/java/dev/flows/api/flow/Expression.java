package dev.flows.api.flow;

import java.util.Objects;

/**
 * The text of a CEL expression as written, and where it was written. The engine compiles it; the model
 * only carries it.
 *
 * @param text     the CEL source, for example {@code type == "shop.order.placed"}
 * @param location where the first character of {@code text} stands in its file
 */
public record Expression(String text, SourceLocation location) {

    public Expression {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(location, "location");
    }

    /** An expression built in Java. */
    public static Expression of(String text) {
        return new Expression(text, SourceLocation.JAVA);
    }
}
