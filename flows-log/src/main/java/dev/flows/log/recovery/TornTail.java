package dev.flows.log.recovery;

import java.nio.file.Path;

/**
 * The last segment of a partition ended, after its recovery checkpoint, in a batch that was torn (cut
 * short by a crash) or failed its checks, and recovery truncated the file there. After a crash in
 * {@code fsync} mode this loses no acknowledged record: those were whole on disk before they were
 * acknowledged.
 *
 * @param channel        the channel's name
 * @param partition      0-based
 * @param file           the last segment file
 * @param position       where the file now ends: the end of its last whole batch
 * @param truncatedBytes how many bytes were cut off
 * @param reason         what was wrong with the batch at {@code position}
 */
public record TornTail(String channel, int partition, Path file, long position, long truncatedBytes, String reason)
        implements RecoveryEvent {

    @Override
    public String message() {
        return "channel %s partition %d: truncated %d torn bytes at byte %d of %s (%s); expected after a crash during appends, which no acknowledged fsync-mode record outlived unflushed; without a crash, check the disk"
                .formatted(channel, partition, truncatedBytes, position, file.getFileName(), reason);
    }
}
