package dev.flows.api.sink;

/** The outcome of {@link Sink#deliver}. */
public sealed interface Delivery {

    /** How many attempts were made, at least 1. */
    int attempts();

    /** The outside system accepted the event. */
    record Delivered(int attempts) implements Delivery {}

    /**
     * Every attempt failed, or the outside system refused the event in a way retrying cannot fix.
     *
     * @param reason the last failure: status code and body excerpt, or the I/O error
     */
    record GaveUp(int attempts, String reason) implements Delivery {}
}
