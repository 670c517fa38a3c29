package dev.flows.api.error;

import dev.flows.api.flow.SourceLocation;

/**
 * One thing wrong in a definition: where, and a message that says what is wrong and what would be right.
 *
 * @param where   the file, line and column of the offending value
 * @param message what is wrong and what to do, without the location
 */
public record Problem(SourceLocation where, String message) {

    /** Renders as {@code file:line:column: message}, the form compilers use. */
    @Override
    public String toString() {
        return where + ": " + message;
    }
}
