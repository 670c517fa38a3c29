/**
 * Consumer groups of the embedded log: per group, the next offset to read in each partition, kept in one
 * small file per group that survives crashes and torn writes ({@link dev.flows.log.group.OffsetsFile}).
 * {@link dev.flows.log.group.DurableConsumerGroup} is the {@link dev.flows.api.channel.ConsumerGroup} of a
 * {@link dev.flows.log.channel.LogChannel}; {@link dev.flows.log.group.GroupName} is the naming rule that
 * groups and queues share.
 */
package dev.flows.log.group;
