/**
 * The embedded log, Flows' default channel backend: partitioned channels as segment files of CRC-checked
 * record batches on the local disk, sparse offset and time indexes, group commit, recovery checkpoints,
 * retention and compaction.
 *
 * <p>The API the server uses is {@link dev.flows.log.EmbeddedLog}, {@link dev.flows.log.LogConfig},
 * {@link dev.flows.log.DamagedRangeException} and the {@link dev.flows.log.recovery.RecoveryEvent} types;
 * the other subpackages are its parts, wired in {@code EmbeddedLog}, and may change freely:
 * {@code storage} (the file system, real or simulated), {@code record} (the batch format), {@code segment}
 * (one file, its index, scans and reads), {@code recovery} (opening a partition's files after a crash),
 * {@code partition} (appends, reads, rolls, key partitioning), {@code commit} (durability and group
 * commit), {@code cleanup} (retention and compaction) and {@code channel} (a channel's directory and API).
 */
package dev.flows.log;
