package dev.flows.api.channel;

/**
 * Where a record was written: its partition and its offset within the partition.
 *
 * @param partition 0-based
 * @param offset    0-based, dense within the partition
 */
public record Position(int partition, long offset) {}
