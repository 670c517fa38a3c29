/**
 * The embedded log, Flows' default channel backend: partitioned channels as segment files on the local
 * disk, a CRC per record, group commit, and recovery to the last whole record after a crash.
 *
 * <p>The API the server uses is {@link dev.flows.log.EmbeddedLog}, {@link dev.flows.log.LogConfig},
 * {@link dev.flows.log.Durability} and the {@link dev.flows.log.recovery.RecoveryEvent} types; the other
 * subpackages are its parts, wired in {@code EmbeddedLog}, and may change freely:
 * {@code record} (the on-disk format), {@code segment} (one file and its index), {@code recovery} (opening
 * a partition's files after a crash), {@code partition} (appends, reads, key partitioning),
 * {@code commit} (durability and group commit) and {@code channel} (a channel's directory and API).
 */
package dev.flows.log;
