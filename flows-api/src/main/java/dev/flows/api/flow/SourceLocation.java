package dev.flows.api.flow;

/**
 * Where a definition came from: a file, a 1-based line and a 1-based column. Flows built in Java carry
 * {@link #JAVA}.
 *
 * @param file   the file name as the user gave it (relative to the flow directory), or {@code <java>}
 * @param line   1-based line, 0 when unknown
 * @param column 1-based column, 0 when unknown
 */
public record SourceLocation(String file, int line, int column) {

    /** The location of anything built with the Java API rather than read from a file. */
    public static final SourceLocation JAVA = new SourceLocation("<java>", 0, 0);

    /** Renders as {@code file:line:column}, or just the file when the line is unknown. */
    @Override
    public String toString() {
        return line == 0 ? file : file + ":" + line + ":" + column;
    }
}
