package dev.flows.log;

import dev.flows.api.error.ConfigurationException;
import java.util.ArrayList;
import java.util.List;

/**
 * Settings of the embedded log. Immutable; the constructor checks every setting and reports all problems
 * at once.
 *
 * @param durability   when an append is acknowledged; see {@link Durability}
 * @param segmentBytes the size at which a partition starts a new segment file, in bytes, from
 *     {@link #SEGMENT_BYTES_MIN} to {@link #SEGMENT_BYTES_MAX}; one append larger than that gets a segment
 *     of its own
 */
public record LogConfig(Durability durability, long segmentBytes) {

    /** The default {@link #durability()}. */
    public static final Durability DURABILITY_DEFAULT = Durability.FSYNC;

    /** The default {@link #segmentBytes()}: 64 MiB. */
    public static final long SEGMENT_BYTES_DEFAULT = 64L << 20;

    /** The smallest {@link #segmentBytes()}: 1 KiB, for tests; real logs want megabytes. */
    public static final long SEGMENT_BYTES_MIN = 1L << 10;

    /** The largest {@link #segmentBytes()}: 1 GiB, so positions within a segment fit an int. */
    public static final long SEGMENT_BYTES_MAX = 1L << 30;

    /**
     * Checks every setting.
     *
     * @throws ConfigurationException listing each setting that is missing or out of range
     */
    public LogConfig {
        List<String> problems = new ArrayList<>();
        if (durability == null) {
            problems.add("log setting durability is missing; set it to FSYNC (acknowledge after the disk flush,"
                    + " the default) or OS (acknowledge once written to the page cache)");
        }
        if (segmentBytes < SEGMENT_BYTES_MIN || segmentBytes > SEGMENT_BYTES_MAX) {
            problems.add("log setting segmentBytes is " + segmentBytes + ", outside " + SEGMENT_BYTES_MIN + " to "
                    + SEGMENT_BYTES_MAX + " bytes (1 KiB to 1 GiB); set it within that range, "
                    + SEGMENT_BYTES_DEFAULT + " (64 MiB) is the default");
        }
        if (!problems.isEmpty()) {
            throw new ConfigurationException(String.join(System.lineSeparator(), problems));
        }
    }

    /** The defaults: {@link Durability#FSYNC}, 64 MiB segments. */
    public static LogConfig defaults() {
        return new LogConfig(DURABILITY_DEFAULT, SEGMENT_BYTES_DEFAULT);
    }

    /** A copy with another durability. */
    public LogConfig withDurability(Durability durability) {
        return new LogConfig(durability, segmentBytes);
    }

    /** A copy with another segment size. */
    public LogConfig withSegmentBytes(long segmentBytes) {
        return new LogConfig(durability, segmentBytes);
    }
}
