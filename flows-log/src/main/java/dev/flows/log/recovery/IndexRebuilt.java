package dev.flows.log.recovery;

import java.nio.file.Path;

/**
 * The index file of a segment was missing, damaged or did not match its segment, so it was rebuilt by
 * scanning the segment. Loses nothing: an index is derived data.
 *
 * @param channel   the channel's name
 * @param partition 0-based
 * @param file      the segment whose index was rebuilt
 * @param reason    what was wrong with the index
 */
public record IndexRebuilt(String channel, int partition, Path file, String reason) implements RecoveryEvent {

    @Override
    public long position() {
        return 0;
    }

    @Override
    public String message() {
        return "channel %s partition %d: rebuilt the index of %s from the segment, because %s; nothing is lost"
                .formatted(channel, partition, file.getFileName(), reason);
    }
}
