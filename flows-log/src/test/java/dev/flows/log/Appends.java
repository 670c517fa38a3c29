package dev.flows.log;

import dev.flows.api.channel.Append;
import dev.flows.api.channel.ChannelPolicy;
import dev.flows.api.channel.ChannelRecord;
import dev.flows.api.channel.Durability;
import dev.flows.api.channel.SequencedAppend;
import dev.flows.api.flow.ChannelDefinition;
import dev.flows.api.flow.SourceLocation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/** Small builders the log tests share: appends and records from strings, definitions, policies, paths. */
public final class Appends {

    /** A fixed timestamp, so records compare equal across runs. */
    public static final long TIME_MS = 1_700_000_000_000L;

    private Appends() {}

    public static Append append(String key, String value) {
        return new Append(key == null ? null : bytes(key), value == null ? null : bytes(value), TIME_MS);
    }

    public static Append append(String key, String value, long timestampMs) {
        return new Append(key == null ? null : bytes(key), value == null ? null : bytes(value), timestampMs);
    }

    /** A record of an idempotent append: key and value from strings, sequence number {@code sequence}. */
    public static SequencedAppend sequenced(String key, String value, long sequence) {
        return new SequencedAppend(append(key, value), sequence);
    }

    public static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    public static String text(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    public static String valueOf(ChannelRecord record) {
        return text(record.value());
    }

    public static ChannelDefinition channel(String name, int partitions) {
        return new ChannelDefinition(name, partitions, new SourceLocation("flows.yaml", 3, 5));
    }

    public static ChannelDefinition channel(String name, int partitions, ChannelPolicy policy) {
        return new ChannelDefinition(name, partitions, policy, new SourceLocation("flows.yaml", 3, 5));
    }

    /** The default policy with segments of {@code segmentBytes}. */
    public static ChannelPolicy segmentBytes(long segmentBytes) {
        ChannelPolicy d = ChannelPolicy.DEFAULT;
        return new ChannelPolicy(
                d.durability(),
                segmentBytes,
                d.segmentAge(),
                d.retentionAge(),
                d.retentionBytes(),
                d.compacted(),
                d.maxDeliveries(),
                d.visibilityTimeout(),
                d.deadLetter());
    }

    /** {@code policy} with another segment age, retention age and size, and compaction. */
    public static ChannelPolicy policy(
            ChannelPolicy policy, Duration segmentAge, Duration retentionAge, long retentionBytes, boolean compacted) {
        return new ChannelPolicy(
                policy.durability(),
                policy.segmentBytes(),
                segmentAge,
                retentionAge,
                retentionBytes,
                compacted,
                policy.maxDeliveries(),
                policy.visibilityTimeout(),
                policy.deadLetter());
    }

    /** The default policy with another durability. */
    public static ChannelPolicy durability(Durability durability) {
        return ChannelPolicy.DEFAULT.withDurability(durability);
    }

    public static Path segment(Path logDirectory, String channel, int partition, long baseOffset) {
        return logDirectory
                .resolve(channel)
                .resolve(Integer.toString(partition))
                .resolve("%020d.log".formatted(baseOffset));
    }
}
