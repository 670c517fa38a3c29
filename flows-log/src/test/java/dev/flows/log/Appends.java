package dev.flows.log;

import dev.flows.api.channel.Append;
import dev.flows.api.channel.ChannelRecord;
import dev.flows.api.flow.ChannelDefinition;
import dev.flows.api.flow.SourceLocation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Small builders the log tests share: appends and records from strings, definitions, file paths. */
public final class Appends {

    /** A fixed timestamp, so records compare equal across runs. */
    public static final long TIME_MS = 1_700_000_000_000L;

    private Appends() {}

    public static Append append(String key, String value) {
        return new Append(key == null ? null : bytes(key), bytes(value), TIME_MS);
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

    public static Path segment(Path logDirectory, String channel, int partition, long baseOffset) {
        return logDirectory
                .resolve(channel)
                .resolve(Integer.toString(partition))
                .resolve("%020d.log".formatted(baseOffset));
    }
}
