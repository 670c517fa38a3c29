package dev.flows.log.recovery;

import dev.flows.api.error.StorageException;
import java.nio.file.Path;

/**
 * A segment that is not the last of its partition holds no valid record from {@code position} on, so the
 * offsets from {@code fromOffset} to the next segment's base cannot be served. Reading them throws; the
 * records before and after stay readable. Such damage is never truncated away: every closed segment was
 * forced whole before the next one was created, so it is corruption, not a torn write.
 *
 * @param channel    the channel's name
 * @param partition  0-based
 * @param file       the damaged segment file
 * @param position   the first byte that is not part of a valid record
 * @param fromOffset the first offset that cannot be read
 * @param toOffset   the offset after the last one that cannot be read (the next segment's base offset);
 *     equal to {@code fromOffset} if the damage is only surplus bytes
 * @param reason     what was found at {@code position}
 */
public record DamagedRange(
        String channel, int partition, Path file, long position, long fromOffset, long toOffset, String reason)
        implements RecoveryEvent {

    /** Whether {@code offset} is one of the offsets lost. */
    public boolean contains(long offset) {
        return offset >= fromOffset && offset < toOffset;
    }

    @Override
    public String message() {
        return "channel %s partition %d: offsets %d to %d cannot be read, byte %d of %s holds no valid record (%s); %s"
                .formatted(channel, partition, fromOffset, toOffset - 1, position, file, reason, advice());
    }

    /** The error a read of {@code offset}, one of the offsets lost, throws. */
    public StorageException readFailure(long offset) {
        return new StorageException(
                "channel %s partition %d: offset %d cannot be read, byte %d of %s holds no valid record (%s); %s, or read from offset %d on"
                        .formatted(channel, partition, offset, position, file, reason, advice(), toOffset));
    }

    private static String advice() {
        return "restore the file from a backup";
    }
}
