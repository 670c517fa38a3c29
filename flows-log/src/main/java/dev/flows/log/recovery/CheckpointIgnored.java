package dev.flows.log.recovery;

import java.nio.file.Path;

/**
 * A partition's recovery checkpoint was missing or damaged while it held segments, so recovery scanned its
 * whole last segment and treated damage there as a torn tail, and rebuilt its producer state from every
 * segment.
 *
 * @param channel   the channel's name
 * @param partition 0-based
 * @param file      the checkpoint file
 * @param reason    what was wrong with it
 */
public record CheckpointIgnored(String channel, int partition, Path file, String reason) implements RecoveryEvent {

    @Override
    public long position() {
        return 0;
    }

    @Override
    public String message() {
        return ("channel %s partition %d: could not use the recovery checkpoint %s (%s), so the whole last segment"
                        + " was checked and any damage there truncated as a torn tail, and the producers of"
                        + " idempotent appends were found again by scanning every segment; a new checkpoint is"
                        + " written now")
                .formatted(channel, partition, file, reason);
    }
}
