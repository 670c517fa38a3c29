package dev.flows.api.error;

/**
 * An event sent to Flows is not valid: malformed JSON, a missing or ill-typed attribute. The sender must
 * fix it; nothing was stored. The message names the attribute (and the index within a batch) and says
 * what a valid value looks like.
 */
public class InvalidEventException extends FlowsException {

    private final String pointer;

    /**
     * @param pointer a JSON Pointer to the offending value ({@code /2/time}), or "" for the whole body
     * @param message what is wrong and how to fix it
     */
    public InvalidEventException(String pointer, String message) {
        super(message);
        this.pointer = pointer;
    }

    /** A JSON Pointer (RFC 6901) to the offending value, "" for the whole body. */
    public String pointer() {
        return pointer;
    }
}
