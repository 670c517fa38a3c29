package dev.flows.log;

import dev.flows.api.channel.Channel;
import dev.flows.api.channel.ChannelBackend;
import dev.flows.api.error.ConfigurationException;
import dev.flows.api.error.StorageException;
import dev.flows.api.flow.ChannelDefinition;
import dev.flows.log.channel.Gate;
import dev.flows.log.channel.LogChannel;
import dev.flows.log.commit.CommitStrategy;
import dev.flows.log.commit.ForceCommitStrategy;
import dev.flows.log.commit.PageCacheCommitStrategy;
import dev.flows.log.recovery.RecoveryEvent;
import dev.flows.log.segment.DurableDirectory;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The embedded log: channels as directories of segment files on the local disk, the default
 * {@link ChannelBackend}. This is also the one place where the log's parts are wired together.
 *
 * <p>Thread-safe. One instance owns its directory (a lock file keeps a second one, in this process or
 * another, out). Channels open lazily with {@link #open(ChannelDefinition)}, which recovers their files;
 * what recovery found is in {@link #recoveryEvents()}. In {@link Durability#FSYNC} mode a small flusher
 * (a few platform threads per instance) forces the partitions that appenders wait on (group commit).
 *
 * <p>Layout: {@code <directory>/<channel>/channel.properties} and
 * {@code <directory>/<channel>/<partition>/<base offset, 20 digits>.log}; the record format is drawn in
 * {@link dev.flows.log.record.RecordFormat}.
 */
public final class EmbeddedLog implements ChannelBackend {

    private static final String LOCK_FILE = ".lock";

    /**
     * Threads forcing partitions in FSYNC mode. Measured on one virtio disk: 1 thread about 3,000 forces/s,
     * 4 threads about 9,400 together, since the file system overlaps concurrent flushes.
     */
    private static final int FLUSHER_THREADS = 4;

    private final Path directory;
    private final LogConfig config;
    private final FileChannel lockFile;
    private final CommitStrategy commit;
    private final Gate gate;
    private final NavigableMap<String, LogChannel> channels = new ConcurrentSkipListMap<>();
    private final List<RecoveryEvent> recoveryEvents = new CopyOnWriteArrayList<>();
    private final ReentrantLock openLock = new ReentrantLock();

    private EmbeddedLog(Path directory, LogConfig config, FileChannel lockFile) {
        this.directory = directory;
        this.config = config;
        this.lockFile = lockFile;
        this.gate = new Gate("the embedded log at " + directory);
        this.commit = switch (config.durability()) {
            case FSYNC -> new ForceCommitStrategy("flows-log-flusher " + directory, FLUSHER_THREADS);
            case OS -> new PageCacheCommitStrategy();
        };
    }

    /**
     * Opens the log in {@code directory}, creating the directory if needed. Opens no channel yet.
     *
     * @throws ConfigurationException if another open log (in this process or another) holds the directory
     * @throws StorageException       if the directory cannot be created or locked
     */
    public static EmbeddedLog open(Path directory, LogConfig config) {
        Objects.requireNonNull(config, "config");
        Path absolute = directory.toAbsolutePath().normalize();
        FileChannel lockFile = lock(absolute);
        return new EmbeddedLog(absolute, config, lockFile);
    }

    /**
     * {@inheritDoc}
     *
     * <p>Opening a channel that is open already returns the same instance. A new channel's directory and
     * {@code channel.properties} are created and forced before this returns. Blocks while another channel
     * opens.
     *
     * @throws ConfigurationException if the name does not match {@code [a-z][a-z0-9._-]{0,127}}, or the
     *     channel exists with another partition count
     * @throws IllegalStateException  if the log is closed
     */
    @Override
    public Channel open(ChannelDefinition definition) {
        openLock.lock();
        try {
            gate.checkOpen("open channel '" + definition.name() + "'");
            LogChannel existing = channels.get(definition.name());
            if (existing != null) {
                existing.checkDefinition(definition);
                return existing;
            }
            LogChannel channel = LogChannel.open(directory, definition, config.segmentBytes(), commit, gate);
            recoveryEvents.addAll(channel.recoveryEvents());
            channels.put(channel.name(), channel);
            return channel;
        } finally {
            openLock.unlock();
        }
    }

    @Override
    public Optional<Channel> find(String name) {
        return Optional.ofNullable(channels.get(name));
    }

    @Override
    public Collection<Channel> channels() {
        return List.copyOf(channels.values());
    }

    /**
     * What recovery found and did (torn tails truncated, damaged ranges) in every channel opened so far, in
     * the order the channels opened. Each event was also logged once at WARNING through
     * {@link System.Logger}. Thread-safe snapshot.
     */
    public List<RecoveryEvent> recoveryEvents() {
        return List.copyOf(recoveryEvents);
    }

    /** The log's directory, absolute. */
    public Path directory() {
        return directory;
    }

    /** The settings the log runs with. */
    public LogConfig config() {
        return config;
    }

    /**
     * Waits for running appends to finish, flushes every partition, stops the flusher and closes every
     * file. Later appends, reads and opens throw {@link IllegalStateException}; readers parked in
     * {@code awaitRecords} return. Idempotent.
     *
     * @throws StorageException if a final flush or close fails; everything is closed anyway
     */
    @Override
    public void close() {
        if (!gate.close()) {
            return;
        }
        List<RuntimeException> failures = new ArrayList<>();
        run(commit::close, failures);
        channels.values().forEach(channel -> run(channel::close, failures));
        run(this::unlock, failures);
        if (!failures.isEmpty()) {
            RuntimeException first = failures.getFirst();
            failures.subList(1, failures.size()).forEach(first::addSuppressed);
            throw first;
        }
    }

    @Override
    public String toString() {
        return "EmbeddedLog[" + directory + ", " + config + "]";
    }

    private static void run(Runnable step, List<RuntimeException> failures) {
        try {
            step.run();
        } catch (RuntimeException e) {
            failures.add(e);
        }
    }

    private static FileChannel lock(Path directory) {
        Path file = directory.resolve(LOCK_FILE);
        FileChannel channel;
        try {
            if (!Files.isDirectory(directory)) {
                Files.createDirectories(directory);
                DurableDirectory.force(directory.getParent());
            }
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new StorageException(
                    "could not create the log directory's lock file " + file + ": " + e
                            + "; check that the path is a writable directory, or choose another",
                    e);
        }
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException heldHere) {
            lock = null;
        } catch (IOException e) {
            closeQuietly(channel);
            throw new StorageException(
                    "could not lock " + file + ": " + e + "; check that the file system supports locks", e);
        }
        if (lock != null) {
            return channel;
        }
        closeQuietly(channel);
        throw new ConfigurationException("the log directory " + directory + " is in use: another embedded log"
                + " (in this process or another) holds " + file
                + "; close or stop that one first, or give this one another directory");
    }

    private void unlock() {
        try {
            lockFile.close();
        } catch (IOException e) {
            throw new StorageException(
                    "could not release the lock file of " + directory + ": " + e
                            + "; the data is flushed; the lock goes when the process exits",
                    e);
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // The lock was refused, which is the error reported; failing to close the probe adds nothing.
        }
    }
}
