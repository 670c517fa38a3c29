package dev.flows.api.error;

/**
 * The root of every exception Flows throws. Unchecked. Subtypes say who must act (the author of a flow,
 * whoever configured Flows, the owner of an outside system, the operator of the disk) and
 * {@link #retryable()} says whether trying again can help.
 */
public class FlowsException extends RuntimeException {

    public FlowsException(String message) {
        super(message);
    }

    public FlowsException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Whether the same call may succeed if tried again later (a timeout, a full disk freed). */
    public boolean retryable() {
        return false;
    }
}
