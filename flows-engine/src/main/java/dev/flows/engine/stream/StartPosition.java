package dev.flows.engine.stream;

import dev.flows.api.channel.Channel;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Where a reader starts in each partition of a channel: replay from the beginning, an offset or a time, or from now. */
public sealed interface StartPosition {

    /** The first offset to read in {@code partition} of {@code channel}. */
    long resolve(Channel channel, int partition);

    /** The oldest record still held. */
    record Earliest() implements StartPosition {
        @Override
        public long resolve(Channel channel, int partition) {
            return channel.startOffset(partition);
        }
    }

    /** Only records appended from now on. */
    record Latest() implements StartPosition {
        @Override
        public long resolve(Channel channel, int partition) {
            return channel.endOffset(partition);
        }
    }

    /** The same offset in every partition (or the oldest held, if retention removed it). */
    record AtOffset(long offset) implements StartPosition {
        @Override
        public long resolve(Channel channel, int partition) {
            return Math.max(offset, channel.startOffset(partition));
        }
    }

    /** The first record appended at or after a time, per the channel's time index. */
    record AtTime(Instant time) implements StartPosition {
        @Override
        public long resolve(Channel channel, int partition) {
            return channel.offsetForTime(partition, time);
        }
    }

    /**
     * Parses {@code earliest}, {@code latest}, an offset ({@code 42}) or an RFC 3339 time
     * ({@code 2026-01-01T00:00:00Z}); empty for anything else.
     */
    static Optional<StartPosition> parse(String text) {
        switch (text) {
            case "earliest", "beginning" -> {
                return Optional.of(new Earliest());
            }
            case "latest", "now" -> {
                return Optional.of(new Latest());
            }
            default -> {
                if (text.chars().allMatch(Character::isDigit) && !text.isEmpty() && text.length() < 19) {
                    return Optional.of(new AtOffset(Long.parseLong(text)));
                }
                try {
                    return Optional.of(new AtTime(Instant.parse(text)));
                } catch (DateTimeParseException e) {
                    return Optional.empty();
                }
            }
        }
    }
}
