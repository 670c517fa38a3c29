package dev.flows.api.sink;

/**
 * Where notification sinks record each delivery attempt, for operators to see what was sent, what failed
 * and why (the server keeps them on the {@code flows.deliveries} channel). Every sink that notifies the
 * outside world records through it, so that webhooks, email and push read back the same way.
 *
 * <p>Implementations are thread-safe, never throw and never block on I/O for long: a record that cannot be
 * kept is logged and dropped, because recording must never stop a delivery.
 */
@FunctionalInterface
public interface DeliveryLog {

    /** Records nothing: for tests and for sinks used outside a server. */
    DeliveryLog NONE = attempt -> {};

    /** Records one attempt. Never throws. */
    void record(DeliveryAttempt attempt);
}
