package dev.flows.testkit.golden;

import dev.flows.api.error.FlowsException;

/**
 * A golden file is not golden output: a line that is not JSON, not an object, or has members other than its
 * target and what is compared there. The message starts with {@code file:line:} and says what a line looks
 * like. Whoever wrote the file must fix it.
 */
public class GoldenFileException extends FlowsException {

    public GoldenFileException(String message) {
        super(message);
    }
}
