package dev.flows.log.recovery;

import dev.flows.log.DamagedRangeException;
import java.nio.file.Path;

/**
 * Offsets of a partition that cannot be served because the bytes that held them are damaged: found at open
 * in a closed segment or before the recovery checkpoint, or by a read. Such damage is never truncated
 * away; reads of the range throw and the data around it stays readable.
 *
 * @param channel    the channel's name
 * @param partition  0-based
 * @param file       the damaged segment file
 * @param position   the first byte that is not part of a valid batch
 * @param fromOffset the first offset that cannot be read
 * @param toOffset   the offset where readable data resumes (exclusive end of the range)
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
        return "channel %s partition %d: offsets %d to %d cannot be read, byte %d of %s holds no valid batch (%s); %s"
                .formatted(channel, partition, fromOffset, toOffset - 1, position, file, reason, advice());
    }

    /** The error a read of {@code offset}, one of the offsets lost, throws. */
    public DamagedRangeException readFailure(long offset) {
        return new DamagedRangeException(
                "channel %s partition %d: offset %d cannot be read, it lies in offsets %d to %d whose bytes at byte %d of %s are damaged (%s) and will not be served; %s, or read from offset %d on"
                        .formatted(
                                channel,
                                partition,
                                offset,
                                fromOffset,
                                toOffset - 1,
                                position,
                                file,
                                reason,
                                advice(),
                                toOffset),
                partition,
                fromOffset,
                toOffset);
    }

    private static String advice() {
        return "restore the file from a backup";
    }
}
