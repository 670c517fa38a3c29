/**
 * Queues of the embedded log: competing consumers over a channel, with leases, acks, nacks, redelivery
 * after a visibility timeout, dead letters after too many deliveries, and redrive, in the manner of Kafka
 * share groups. {@link dev.flows.log.queue.DurableQueue} is the {@link dev.flows.api.channel.ChannelQueue};
 * its state is a journal in the queue's directory; {@link dev.flows.log.queue.ChannelConsumers} holds the
 * queues and consumer groups of one channel. The dead-letter headers are in
 * {@link dev.flows.log.queue.DeadLetterHeaders}.
 */
package dev.flows.log.queue;
