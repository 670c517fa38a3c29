package dev.flows.log.queue;

import dev.flows.api.channel.Channel;
import dev.flows.api.channel.ChannelQueue;
import dev.flows.api.channel.ConsumerGroup;
import dev.flows.log.group.DurableConsumerGroup;
import dev.flows.log.group.DurableFiles;
import dev.flows.log.group.GroupName;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * The consumer groups and queues of one channel, each opened on first use and the same object afterwards,
 * all closed with the channel. Layout under the channel's directory: {@code groups/<name>.offsets} and
 * {@code queues/<name>/}. Thread-safe; opening one takes a lock, so two threads asking for a new name at
 * once get the same object.
 */
public final class ChannelConsumers implements AutoCloseable {

    /** The directory of consumer groups, under the channel's directory. */
    public static final String GROUPS = "groups";

    /** The directory of queues, under the channel's directory. */
    public static final String QUEUES = "queues";

    /** The file name suffix of a consumer group's offsets. */
    public static final String OFFSETS_SUFFIX = ".offsets";

    private final Path channelDirectory;
    private final Channel channel;
    private final Function<String, Optional<Channel>> channels;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, DurableConsumerGroup> groups = new HashMap<>();
    private final Map<String, DurableQueue> queues = new HashMap<>();
    private boolean closed;

    /**
     * @param channelDirectory the channel's directory
     * @param channel          the channel
     * @param channels         finds an open channel of the log by name, for dead letters
     * @param clock            the queues' clock
     */
    public ChannelConsumers(
            Path channelDirectory, Channel channel, Function<String, Optional<Channel>> channels, Clock clock) {
        this.channelDirectory = channelDirectory;
        this.channel = channel;
        this.channels = channels;
        this.clock = clock;
    }

    /**
     * The consumer group of that name, opened (and its file created) on first use.
     *
     * @throws IllegalArgumentException if the name breaks {@link GroupName}'s rule
     * @throws IllegalStateException    if the channel is closed
     * @throws dev.flows.api.error.StorageException if the group's file cannot be read or created
     */
    public ConsumerGroup group(String name) {
        GroupName.check("consumer group", name);
        lock.lock();
        try {
            checkOpen("consumer group '" + name + "'");
            DurableConsumerGroup group = groups.get(name);
            if (group == null) {
                Path directory = channelDirectory.resolve(GROUPS);
                DurableFiles.createDirectories(directory);
                group = DurableConsumerGroup.open(directory.resolve(name + OFFSETS_SUFFIX), name, channel.partitions());
                groups.put(name, group);
            }
            return group;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The queue of that name, opened (its journal replayed) on first use. Its dead-letter channel is the one
     * the channel's policy names, looked up when a record must go there.
     *
     * @throws IllegalArgumentException if the name breaks {@link GroupName}'s rule
     * @throws IllegalStateException    if the channel is closed
     * @throws dev.flows.api.error.StorageException if the queue's files cannot be read or created
     */
    public ChannelQueue queue(String name) {
        GroupName.check("queue", name);
        lock.lock();
        try {
            checkOpen("queue '" + name + "'");
            DurableQueue queue = queues.get(name);
            if (queue == null) {
                Path directory = channelDirectory.resolve(QUEUES).resolve(name);
                queue = DurableQueue.open(directory, name, channel, this::deadLetter, clock);
                queues.put(name, queue);
            }
            return queue;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Closes every queue and group. Later calls to {@link #group} and {@link #queue} throw. Idempotent.
     *
     * @throws RuntimeException the first failure to close one, with later ones suppressed; all are closed
     */
    @Override
    public void close() {
        List<AutoCloseable> open = new ArrayList<>();
        lock.lock();
        try {
            closed = true;
            open.addAll(queues.values());
            open.addAll(groups.values());
        } finally {
            lock.unlock();
        }
        RuntimeException first = null;
        for (AutoCloseable closeable : open) {
            try {
                closeable.close();
            } catch (Exception e) {
                RuntimeException failure = e instanceof RuntimeException r ? r : new IllegalStateException(e);
                if (first == null) {
                    first = failure;
                } else {
                    first.addSuppressed(failure);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    private Channel deadLetter() {
        String name = channel.policy().deadLetter();
        return channels.apply(name)
                .orElseThrow(() -> new IllegalStateException("channel '" + channel.name() + "' sends dead letters to"
                        + " channel '" + name + "', which is not open; open '" + name + "' (declare it, or open"
                        + " it through the channel backend) before consuming queues of '" + channel.name() + "'"));
    }

    private void checkOpen(String what) {
        if (closed) {
            throw new IllegalStateException("channel '" + channel.name() + "' is closed, so its " + what
                    + " cannot be opened; open the channel again");
        }
    }
}
