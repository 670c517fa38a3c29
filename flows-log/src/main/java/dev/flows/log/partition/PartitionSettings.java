package dev.flows.log.partition;

import dev.flows.log.segment.BufferPool;
import dev.flows.log.storage.Storage;
import java.time.Clock;

/**
 * What the partitions of one log share: the disk, the wall clock, buffer pools and index density.
 * Immutable; the pools are thread-safe.
 *
 * @param storage            the file system under the log
 * @param clock              the wall clock, for rolling segments by age
 * @param writeBuffers       direct buffers batches are encoded into
 * @param readBuffers        heap buffers reads and scans fill
 * @param indexIntervalBytes bytes of batches between two sparse index entries
 */
public record PartitionSettings(
        Storage storage, Clock clock, BufferPool writeBuffers, BufferPool readBuffers, int indexIntervalBytes) {}
