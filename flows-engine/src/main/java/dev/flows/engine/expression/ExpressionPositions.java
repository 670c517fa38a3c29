package dev.flows.engine.expression;

import dev.flows.api.flow.Expression;
import dev.flows.api.flow.SourceLocation;

/**
 * Maps a position inside an expression's text to a position in its file. The expression's location is
 * where its first character stands; a position on the first line of the text is that many columns to the
 * right, and a position on a later line is that many lines down, at the same indentation (as in a YAML
 * literal block scalar, where every line starts at the block's indentation). Expressions built in Java
 * have no file position and map to their own location. Stateless.
 */
final class ExpressionPositions {

    private ExpressionPositions() {}

    /**
     * @param line   1-based line within the text
     * @param column 0-based column within that line, in code points
     */
    static SourceLocation at(Expression expression, int line, int column) {
        SourceLocation start = expression.location();
        if (start.line() == 0 || line < 1 || column < 0) {
            return start;
        }
        return new SourceLocation(start.file(), start.line() + line - 1, start.column() + column);
    }

    /** @param offset 0-based offset within the text, in code points */
    static SourceLocation atOffset(Expression expression, int offset) {
        String text = expression.text();
        int line = 1;
        int column = 0;
        int index = 0;
        for (int seen = 0; seen < offset && index < text.length(); seen++) {
            int codePoint = text.codePointAt(index);
            index += Character.charCount(codePoint);
            if (codePoint == '\n') {
                line++;
                column = 0;
            } else {
                column++;
            }
        }
        return at(expression, line, column);
    }

    /** The 0-based code point offset of a line and column within the text, or -1 when outside it. */
    static int offset(String text, int line, int column) {
        int currentLine = 1;
        int offset = 0;
        for (int index = 0; index < text.length() && currentLine < line; ) {
            int codePoint = text.codePointAt(index);
            index += Character.charCount(codePoint);
            offset++;
            if (codePoint == '\n') {
                currentLine++;
            }
        }
        return currentLine == line ? offset + column : -1;
    }
}
