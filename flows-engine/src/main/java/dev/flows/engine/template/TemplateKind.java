package dev.flows.engine.template;

import java.util.Locale;

/**
 * What a template produces, which decides how a value is escaped where it is inserted. Declared by the
 * template's owner (a webhook body's {@code content-type}), never guessed from the text.
 */
public enum TemplateKind {

    /**
     * JSON: a placeholder that is a whole value ({@code "amount": {{data.amount}}}) inserts the value as JSON
     * (a number, string, object, {@code null}); one inside a string ({@code "Order {{data.order}}"}) inserts
     * it JSON-escaped. The template with its placeholders filled in is checked to be JSON when it is loaded.
     */
    JSON,

    /** Plain text: values are inserted as they are. */
    TEXT,

    /** HTML: values are HTML-escaped ({@code & < > " '}), so event data can never add markup. */
    HTML;

    /**
     * The kind a body of that media type is: JSON for {@code application/json} and any {@code +json}
     * type, HTML for {@code text/html}, else text. Parameters ({@code ; charset=utf-8}) are ignored.
     */
    public static TemplateKind forContentType(String contentType) {
        String type = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (type.equals("application/json") || type.endsWith("+json")) {
            return JSON;
        }
        return type.equals("text/html") ? HTML : TEXT;
    }
}
