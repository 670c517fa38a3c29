package dev.flows.api.channel;

/**
 * What a queue holds now.
 *
 * @param ready        events waiting to be delivered
 * @param leased       events delivered and not yet acked, nacked or expired
 * @param acked        events acked since the queue was created
 * @param deadLettered events moved to the dead-letter channel since the queue was created
 */
public record QueueStats(long ready, long leased, long acked, long deadLettered) {}
