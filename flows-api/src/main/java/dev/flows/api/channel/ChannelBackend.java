package dev.flows.api.channel;

import dev.flows.api.flow.ChannelDefinition;
import java.util.Collection;
import java.util.Optional;

/**
 * Where channels live: the embedded log by default, Kafka when one machine is not enough. Thread-safe.
 * Closing flushes and releases every channel.
 */
public interface ChannelBackend extends AutoCloseable {

    /**
     * Opens the channel, creating it when new.
     *
     * @throws dev.flows.api.error.ConfigurationException if it exists with another partition count
     * @throws dev.flows.api.error.StorageException if its files cannot be opened
     */
    Channel open(ChannelDefinition definition);

    /** The open channel of that name, if any. */
    Optional<Channel> find(String name);

    /** Every open channel, in name order. */
    Collection<Channel> channels();

    /**
     * Deletes the channel and every record, consumer group and queue in it, for good. Readers of it fail
     * from then on. Backends that cannot delete say so.
     *
     * @throws dev.flows.api.error.ConfigurationException if there is no such channel, or the backend cannot
     *     delete channels
     */
    default void delete(String name) {
        throw new dev.flows.api.error.ConfigurationException("this channel backend ("
                + getClass().getSimpleName() + ") cannot delete channels; channel '" + name + "' was left as it is");
    }

    /** Flushes and closes every channel. */
    @Override
    void close();
}
