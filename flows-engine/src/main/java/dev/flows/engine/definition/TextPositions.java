package dev.flows.engine.definition;

import dev.flows.api.flow.Expression;
import dev.flows.api.flow.SourceLocation;

/**
 * Maps an offset inside a value's text (an aggregate call, a JSONata mapping) to its position in the file,
 * the way the CEL compiler maps its errors: the value's location is where its first character stands; a
 * position on the first line is that many columns to the right, and one on a later line is that many lines
 * down at the same indentation (as in a YAML block scalar). Values built in Java map to their own location.
 * Stateless.
 */
final class TextPositions {

    private TextPositions() {}

    /**
     * @param text   the text and where its first character stands
     * @param offset 0-based, in UTF-16 chars; clamped to the text. Columns count code points, as CEL's do.
     */
    static SourceLocation at(Expression text, int offset) {
        SourceLocation start = text.location();
        if (start.line() == 0) {
            return start;
        }
        String value = text.text();
        int end = Math.max(0, Math.min(offset, value.length()));
        int line = 0;
        int column = 0;
        for (int index = 0; index < end; index += Character.charCount(value.codePointAt(index))) {
            if (value.charAt(index) == '\n') {
                line++;
                column = 0;
            } else {
                column++;
            }
        }
        return new SourceLocation(start.file(), start.line() + line, start.column() + column);
    }
}
