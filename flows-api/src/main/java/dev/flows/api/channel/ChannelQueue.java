package dev.flows.api.channel;

import java.time.Duration;
import java.util.List;

/**
 * Competing consumers over one channel: each event goes to one consumer at a time, which acks it (done) or
 * nacks it (failed). An event not acked within the channel's visibility timeout is delivered again with its
 * delivery count raised; after {@link ChannelPolicy#maxDeliveries()} failed deliveries it moves to the
 * dead-letter channel with the last error, the attempt count and timestamps as headers. Ack state is durable.
 * Order is not kept across redeliveries. Maps onto Kafka share groups. Thread-safe.
 */
public interface ChannelQueue {

    /** The queue's name. */
    String name();

    /**
     * Leases up to {@code maxEvents} ready events, waiting up to {@code wait} for the first.
     *
     * @return the leases, empty if nothing became ready in time
     * @throws InterruptedException if interrupted while waiting
     */
    List<Lease> poll(int maxEvents, Duration wait) throws InterruptedException;

    /**
     * Marks a leased event done; durable when this returns. Acking an expired lease that was delivered again
     * since is refused with false (the new delivery owns it).
     *
     * @return true if the ack took effect
     */
    boolean ack(Lease lease);

    /**
     * Marks a delivery failed: the event is delivered again at once, or dead-lettered if this was its last
     * allowed delivery. Durable when this returns.
     *
     * @param error what went wrong, kept with a dead-lettered event
     * @return true if the nack took effect (false for a lease that expired and was delivered again)
     */
    boolean nack(Lease lease, String error);

    /**
     * Appends this queue's dead-lettered events back to its channel, as new records, and returns how many.
     * Each dead-lettered event is redriven at most once.
     */
    long redrive();

    /** What the queue holds now. */
    QueueStats stats();
}
