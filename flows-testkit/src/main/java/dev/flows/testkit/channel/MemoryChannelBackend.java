package dev.flows.testkit.channel;

import dev.flows.api.channel.Channel;
import dev.flows.api.channel.ChannelBackend;
import dev.flows.api.error.ConfigurationException;
import dev.flows.api.flow.ChannelDefinition;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A {@link ChannelBackend} of {@link MemoryChannel}s: what {@code FlowTestDriver} runs a flow over. Nothing
 * touches the disk and nothing outlives the backend. Thread-safe.
 */
public final class MemoryChannelBackend implements ChannelBackend {

    private final Map<String, MemoryChannel> channels = new TreeMap<>();

    /**
     * Opens the channel, creating it empty when new.
     *
     * @throws ConfigurationException if it is open with another partition count
     */
    @Override
    public synchronized MemoryChannel open(ChannelDefinition definition) {
        MemoryChannel existing = channels.get(definition.name());
        if (existing != null) {
            if (existing.partitions() != definition.partitions()) {
                throw new ConfigurationException("channel '" + definition.name() + "' exists with "
                        + existing.partitions() + " partition(s), not " + definition.partitions()
                        + "; declare it once, with one partition count");
            }
            return existing;
        }
        MemoryChannel channel = new MemoryChannel(definition.name(), definition.partitions(), definition.policy());
        channels.put(definition.name(), channel);
        return channel;
    }

    @Override
    public synchronized Optional<Channel> find(String name) {
        return Optional.ofNullable(channels.get(name));
    }

    /** The open channel of that name, with its in-memory views, if any. */
    public synchronized Optional<MemoryChannel> memoryChannel(String name) {
        return Optional.ofNullable(channels.get(name));
    }

    @Override
    public synchronized Collection<Channel> channels() {
        return List.copyOf(channels.values());
    }

    @Override
    public synchronized void delete(String name) {
        if (channels.remove(name) == null) {
            throw new ConfigurationException("channel '" + name + "' does not exist, so nothing was deleted");
        }
    }

    /** Forgets nothing: the channels stay readable after close, so a test can look at them. */
    @Override
    public void close() {}
}
