package dev.flows.log;

import dev.flows.api.channel.Durability;
import dev.flows.api.error.ConfigurationException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Settings of the embedded log as a whole; what differs per channel (durability, segment size and age,
 * retention, compaction) is the channel's {@link dev.flows.api.channel.ChannelPolicy}. Immutable; the
 * constructor checks every setting and reports all problems at once.
 *
 * @param durability         null (the default): each channel's policy decides; set: every channel uses
 *     this durability whatever its policy says, as the server's {@code --durability} flag asks
 * @param indexIntervalBytes bytes of batches between two entries of a segment's sparse index, from
 *     {@link #INDEX_INTERVAL_MIN} to {@link #INDEX_INTERVAL_MAX}; smaller means faster seeks, larger
 *     indexes
 * @param checkpointInterval how often each partition's recovery checkpoint is brought up to what was
 *     forced, at least 10 ms; bounds what recovery must scan after a crash
 * @param cleanupInterval    how often retention and compaction run, at least 10 ms
 * @param tombstoneRetention how long compaction keeps a tombstone (a null value) that is the latest of
 *     its key, counted from its timestamp, so consumers see the delete; zero or more
 */
public record LogConfig(
        Durability durability,
        int indexIntervalBytes,
        Duration checkpointInterval,
        Duration cleanupInterval,
        Duration tombstoneRetention) {

    /** The default {@link #indexIntervalBytes()}: 4 KiB. */
    public static final int INDEX_INTERVAL_DEFAULT = 4 << 10;

    /** The smallest {@link #indexIntervalBytes()}. */
    public static final int INDEX_INTERVAL_MIN = 64;

    /** The largest {@link #indexIntervalBytes()}: 1 MiB. */
    public static final int INDEX_INTERVAL_MAX = 1 << 20;

    /** The default {@link #checkpointInterval()}: 1 s. */
    public static final Duration CHECKPOINT_INTERVAL_DEFAULT = Duration.ofSeconds(1);

    /** The default {@link #cleanupInterval()}: 30 s. */
    public static final Duration CLEANUP_INTERVAL_DEFAULT = Duration.ofSeconds(30);

    /** The default {@link #tombstoneRetention()}: 1 day, as Kafka's {@code delete.retention.ms}. */
    public static final Duration TOMBSTONE_RETENTION_DEFAULT = Duration.ofDays(1);

    private static final Duration SHORTEST_INTERVAL = Duration.ofMillis(10);

    /**
     * Checks every setting.
     *
     * @throws ConfigurationException listing each setting that is missing or out of range
     */
    public LogConfig {
        List<String> problems = new ArrayList<>();
        if (indexIntervalBytes < INDEX_INTERVAL_MIN || indexIntervalBytes > INDEX_INTERVAL_MAX) {
            problems.add("log setting indexIntervalBytes is " + indexIntervalBytes + ", outside "
                    + INDEX_INTERVAL_MIN + " to " + INDEX_INTERVAL_MAX + " bytes; " + INDEX_INTERVAL_DEFAULT
                    + " (4 KiB) is the default");
        }
        checkInterval("checkpointInterval", checkpointInterval, CHECKPOINT_INTERVAL_DEFAULT, problems);
        checkInterval("cleanupInterval", cleanupInterval, CLEANUP_INTERVAL_DEFAULT, problems);
        if (tombstoneRetention == null || tombstoneRetention.isNegative()) {
            problems.add("log setting tombstoneRetention is " + tombstoneRetention
                    + "; set it to zero or more, such as PT24H (the default)");
        }
        if (!problems.isEmpty()) {
            throw new ConfigurationException(String.join(System.lineSeparator(), problems));
        }
    }

    /** The defaults: each channel's own durability, 4 KiB index interval, 1 s checkpoints, 30 s cleanup. */
    public static LogConfig defaults() {
        return new LogConfig(
                null,
                INDEX_INTERVAL_DEFAULT,
                CHECKPOINT_INTERVAL_DEFAULT,
                CLEANUP_INTERVAL_DEFAULT,
                TOMBSTONE_RETENTION_DEFAULT);
    }

    /** A copy that makes every channel use {@code override}, whatever its policy says; null to let policies decide. */
    public LogConfig withDurability(Durability override) {
        return new LogConfig(override, indexIntervalBytes, checkpointInterval, cleanupInterval, tombstoneRetention);
    }

    /** A copy with another index interval. */
    public LogConfig withIndexIntervalBytes(int bytes) {
        return new LogConfig(durability, bytes, checkpointInterval, cleanupInterval, tombstoneRetention);
    }

    /** A copy with another checkpoint interval. */
    public LogConfig withCheckpointInterval(Duration interval) {
        return new LogConfig(durability, indexIntervalBytes, interval, cleanupInterval, tombstoneRetention);
    }

    /** A copy with another cleanup interval. */
    public LogConfig withCleanupInterval(Duration interval) {
        return new LogConfig(durability, indexIntervalBytes, checkpointInterval, interval, tombstoneRetention);
    }

    /** A copy with another tombstone retention. */
    public LogConfig withTombstoneRetention(Duration retention) {
        return new LogConfig(durability, indexIntervalBytes, checkpointInterval, cleanupInterval, retention);
    }

    private static void checkInterval(String name, Duration value, Duration byDefault, List<String> problems) {
        if (value == null || value.compareTo(SHORTEST_INTERVAL) < 0) {
            problems.add("log setting " + name + " is " + value + ", shorter than " + SHORTEST_INTERVAL.toMillis()
                    + " ms or missing; set it to a duration such as " + byDefault + " (the default)");
        }
    }
}
