package dev.flows.api.channel;

import java.time.Instant;

/**
 * One event handed to one queue consumer, which must {@link ChannelQueue#ack ack} or
 * {@link ChannelQueue#nack nack} it before {@code expiresAt}, or it is delivered again.
 *
 * @param record        the record
 * @param deliveryCount how many times it has been delivered, this time included (1 the first time)
 * @param expiresAt     when the lease ends and the event becomes deliverable again
 */
public record Lease(ChannelRecord record, int deliveryCount, Instant expiresAt) {}
