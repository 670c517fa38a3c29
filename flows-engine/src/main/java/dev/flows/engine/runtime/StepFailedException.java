package dev.flows.engine.runtime;

import dev.flows.api.error.FlowsException;

/**
 * A step whose {@code on-error} is {@code fail} failed on an event: the flow stops at that event, commits
 * nothing of the batch, and reports this message until it is fixed and restarted.
 */
final class StepFailedException extends FlowsException {

    StepFailedException(String message) {
        super(message);
    }
}
