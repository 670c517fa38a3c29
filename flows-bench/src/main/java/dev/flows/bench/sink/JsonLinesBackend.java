package dev.flows.bench.sink;

import dev.flows.api.channel.Channel;
import dev.flows.api.channel.ChannelBackend;
import dev.flows.api.error.ConfigurationException;
import dev.flows.api.error.StorageException;
import dev.flows.api.flow.ChannelDefinition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The benchmarks' channel backend: every channel is a file sink writing its events' data to {@code
 * DIR/<channel>.jsonl}, one JSON line each (see {@link JsonLinesChannel}), or a sink that only counts. Files
 * are created on a channel's first append, so a run leaves files only for what it wrote, and for the outputs
 * named at construction, which are created (empty) even when nothing reaches them. Thread-safe.
 */
public final class JsonLinesBackend implements ChannelBackend {

    private final Function<ChannelDefinition, JsonLinesChannel> factory;
    private final Set<String> outputs;
    private final Map<String, JsonLinesChannel> channels = new TreeMap<>();

    private JsonLinesBackend(Function<ChannelDefinition, JsonLinesChannel> factory, Set<String> outputs) {
        this.factory = factory;
        this.outputs = Set.copyOf(outputs);
    }

    /**
     * A backend writing under {@code directory}, which it creates if needed.
     *
     * @param outputs channels whose files are created or truncated when the channel opens, whether or not
     *     anything is appended to them
     * @throws StorageException if the directory cannot be created
     */
    public static JsonLinesBackend writingTo(Path directory, Set<String> outputs) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new StorageException(
                    "could not create the output directory " + directory + ": " + e
                            + "; give an --out DIR that can be created and written",
                    e);
        }
        return new JsonLinesBackend(
                definition -> JsonLinesChannel.toFile(definition, directory.resolve(definition.name() + ".jsonl")),
                outputs);
    }

    /** A backend whose channels count their records and write them nowhere, for untimed warm-up runs. */
    public static JsonLinesBackend discarding() {
        return new JsonLinesBackend(JsonLinesChannel::discarding, Set.of());
    }

    /**
     * Opens the channel, the same object for the same name.
     *
     * @throws ConfigurationException if it is open with another partition count
     */
    @Override
    public synchronized Channel open(ChannelDefinition definition) {
        JsonLinesChannel channel = channels.computeIfAbsent(definition.name(), name -> factory.apply(definition));
        if (channel.partitions() != definition.partitions()) {
            throw new ConfigurationException("channel '" + definition.name() + "' is open with "
                    + channel.partitions() + " partitions, not " + definition.partitions()
                    + "; declare it once in the benchmark's flow directory");
        }
        if (outputs.contains(definition.name())) {
            channel.touch();
        }
        return channel;
    }

    @Override
    public synchronized Optional<Channel> find(String name) {
        return Optional.ofNullable(channels.get(name));
    }

    @Override
    public synchronized Collection<Channel> channels() {
        return List.copyOf(channels.values());
    }

    /** Records appended to a channel so far; 0 for one never opened. */
    public synchronized long records(String channel) {
        JsonLinesChannel open = channels.get(channel);
        return open == null ? 0 : open.records();
    }

    /**
     * Writes out every channel's buffer and closes its file.
     *
     * @throws StorageException if a file cannot be written
     */
    @Override
    public synchronized void close() {
        StorageException failure = null;
        for (JsonLinesChannel channel : channels.values()) {
            try {
                channel.close();
            } catch (StorageException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
