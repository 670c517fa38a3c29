package dev.flows.bench.log;

import dev.flows.api.channel.ChannelBackend;
import dev.flows.api.channel.ChannelPolicy;
import dev.flows.api.channel.Durability;
import dev.flows.api.flow.ChannelDefinition;
import dev.flows.api.flow.SourceLocation;
import dev.flows.log.EmbeddedLog;
import dev.flows.log.LogConfig;
import java.nio.file.Path;

/**
 * The one place the benchmarks touch the embedded log's own classes ({@link EmbeddedLog#open} and
 * {@link LogConfig#defaults}); everything else goes through the channel SPI, so a change to the log's
 * settings is adapted here alone. Stateless.
 */
public final class BenchLog {

    private BenchLog() {}

    /**
     * Opens an embedded log in {@code directory} with the default settings. Durability is per channel, from
     * the policy {@link #channel} gives it.
     */
    public static ChannelBackend open(Path directory) {
        return EmbeddedLog.open(directory, LogConfig.defaults());
    }

    /** A channel of {@code partitions} partitions with the default policy but for {@code durability}. */
    public static ChannelDefinition channel(String name, int partitions, Durability durability) {
        return new ChannelDefinition(
                name, partitions, ChannelPolicy.DEFAULT.withDurability(durability), SourceLocation.JAVA);
    }
}
