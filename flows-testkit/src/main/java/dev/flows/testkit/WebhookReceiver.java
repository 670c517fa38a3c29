package dev.flows.testkit;

import dev.flows.api.sink.Delivery;

/**
 * Plays the outside system behind a flow's webhook destinations in a {@link FlowTestDriver}: decides whether
 * each call is accepted. A call it gives up on sends the event to the destination's dead-letter channel, as a
 * real run does after its last retry. Called on the test's thread.
 */
@FunctionalInterface
public interface WebhookReceiver {

    /**
     * Answers one call.
     *
     * @return {@link Delivery.Delivered} to accept it, or {@link Delivery.GaveUp} with the reason a real
     *     receiver's refusal would give (such as {@code "receiver answered 500"})
     */
    Delivery receive(WebhookCall call);

    /** A receiver that accepts every call at the first attempt: the default. */
    static WebhookReceiver acceptAll() {
        return call -> new Delivery.Delivered(1);
    }

    /** A receiver that refuses every call with {@code reason}, as one that is down would. */
    static WebhookReceiver refuseAll(String reason) {
        return call -> new Delivery.GaveUp(1, reason);
    }
}
