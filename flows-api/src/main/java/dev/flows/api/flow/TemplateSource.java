package dev.flows.api.flow;

import java.util.Objects;

/**
 * The text of a notification template as written (a webhook body now; email subjects and bodies later),
 * with where its first character is, so that a problem inside it can be reported at its own line and
 * column. The engine checks and compiles it; the model only carries it. Immutable.
 *
 * @param text     the template, e.g. {@code {"text": "Order {{data.order}}"}}
 * @param location where the template's first character is
 */
public record TemplateSource(String text, SourceLocation location) {

    public TemplateSource {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(location, "location");
    }

    /** A template built in Java. */
    public static TemplateSource of(String text) {
        return new TemplateSource(text, SourceLocation.JAVA);
    }
}
