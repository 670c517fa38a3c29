package dev.flows.log;

import dev.flows.api.channel.Channel;
import dev.flows.api.channel.ChannelBackend;
import dev.flows.api.channel.ChannelPolicy;
import dev.flows.api.channel.Durability;
import dev.flows.api.error.ConfigurationException;
import dev.flows.api.error.StorageException;
import dev.flows.api.flow.ChannelDefinition;
import dev.flows.api.flow.SourceLocation;
import dev.flows.log.channel.ChannelProperties;
import dev.flows.log.channel.Gate;
import dev.flows.log.channel.LogChannel;
import dev.flows.log.commit.CommitStrategy;
import dev.flows.log.commit.ForceCommitStrategy;
import dev.flows.log.commit.IntervalCommitStrategy;
import dev.flows.log.commit.PageCacheCommitStrategy;
import dev.flows.log.partition.PartitionSettings;
import dev.flows.log.recovery.RecoveryEvent;
import dev.flows.log.segment.BufferPool;
import dev.flows.log.storage.FileChannelStorage;
import dev.flows.log.storage.Storage;
import java.io.Closeable;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The embedded log: channels as directories of segment files on the local disk, the default
 * {@link ChannelBackend}. This is also the one place where the log's parts are wired together.
 *
 * <p>Thread-safe. One instance owns its directory (a lock file keeps a second one, in this process or
 * another, out). Channels open lazily with {@link #open(ChannelDefinition)}, which recovers their files;
 * what recovery found is in {@link #recoveryEvents()}. Each channel's durability comes from its policy
 * (or {@link LogConfig#durability()}, which overrides every policy): in {@code fsync} mode a small
 * flusher (a few platform threads) forces the partitions that appenders wait on (group commit); in
 * {@code interval} mode a timer thread forces them every interval. The same timer writes recovery
 * checkpoints; a cleaner thread applies retention and compaction. None of these threads is ever
 * interrupted (an interrupt would close a {@code FileChannel} under its readers).
 *
 * <p>Layout: {@code <directory>/<channel>/channel.properties} and
 * {@code <directory>/<channel>/<partition>/} holding {@code <base offset, 20 digits>.log} segments, their
 * {@code .index} files and {@code recovery.checkpoint}; the batch format is drawn in
 * {@link dev.flows.log.record.BatchFormat}.
 */
public final class EmbeddedLog implements ChannelBackend {

    private static final System.Logger LOG = System.getLogger(EmbeddedLog.class.getName());

    private static final String LOCK_FILE = ".lock";

    /** A deleted channel's directory is renamed to this prefix plus its name before its files go. */
    private static final String DELETED_PREFIX = ".deleted-";

    /**
     * Threads forcing partitions in FSYNC mode. Measured on one virtio disk: 1 thread about 3,000 forces/s,
     * 4 threads about 9,400 together, since the file system overlaps concurrent flushes.
     */
    private static final int FLUSHER_THREADS = 4;

    private final Path directory;
    private final LogConfig config;
    private final Closeable lockFile;
    private final PartitionSettings settings;
    private final ScheduledExecutorService timer;
    private final ScheduledExecutorService cleaner;
    private final ForceCommitStrategy forceCommit;
    private final CommitStrategy pageCacheCommit = new PageCacheCommitStrategy();
    private final Map<Duration, IntervalCommitStrategy> intervalCommits = new ConcurrentHashMap<>();
    private final Gate gate;
    private final NavigableMap<String, LogChannel> channels = new ConcurrentSkipListMap<>();
    private final List<RecoveryEvent> recoveryEvents = new CopyOnWriteArrayList<>();
    private final ReentrantLock openLock = new ReentrantLock();

    private EmbeddedLog(Path directory, LogConfig config, Closeable lockFile, Storage storage, Clock clock) {
        this.directory = directory;
        this.config = config;
        this.lockFile = lockFile;
        this.gate = new Gate("the embedded log at " + directory);
        this.settings = new PartitionSettings(
                storage, clock, new BufferPool(true, 16), new BufferPool(false, 16), config.indexIntervalBytes());
        this.forceCommit = new ForceCommitStrategy("flows-log-flusher " + directory, FLUSHER_THREADS);
        this.timer = scheduler("flows-log-timer " + directory);
        this.cleaner = scheduler("flows-log-cleaner " + directory);
        long checkpointMs = config.checkpointInterval().toMillis();
        timer.scheduleWithFixedDelay(
                () -> forEachChannel(LogChannel::checkpoint, "checkpoint"),
                checkpointMs,
                checkpointMs,
                TimeUnit.MILLISECONDS);
        long cleanupMs = config.cleanupInterval().toMillis();
        cleaner.scheduleWithFixedDelay(
                () -> forEachChannel(LogChannel::cleanUp, "clean up"), cleanupMs, cleanupMs, TimeUnit.MILLISECONDS);
    }

    /**
     * Opens the log in {@code directory} on the real disk with the system's UTC clock, creating the
     * directory if needed. Opens no channel yet.
     *
     * @throws ConfigurationException if another open log (in this process or another) holds the directory
     * @throws StorageException       if the directory cannot be created or locked
     */
    public static EmbeddedLog open(Path directory, LogConfig config) {
        return open(directory, config, new FileChannelStorage(), Clock.systemUTC());
    }

    /**
     * Opens the log in {@code directory} on {@code storage}, rolling segments by age on {@code clock}: how
     * tests run the log on a simulated disk and virtual time.
     *
     * @throws ConfigurationException if another open log holds the directory
     * @throws StorageException       if the directory cannot be created or locked
     */
    public static EmbeddedLog open(Path directory, LogConfig config, Storage storage, Clock clock) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(clock, "clock");
        Path absolute = directory.toAbsolutePath().normalize();
        EmbeddedLog log = new EmbeddedLog(absolute, config, lock(storage, absolute), storage, clock);
        removeDeleted(storage, absolute);
        return log;
    }

    /**
     * {@inheritDoc}
     *
     * <p>Opening a channel that is open already returns the same instance (its policy stays as it opened).
     * A new channel's directory and {@code channel.properties} are created and forced before this returns.
     * Blocks while another channel opens.
     *
     * @throws ConfigurationException if the name does not match {@code [a-z][a-z0-9._-]{0,127}}, the policy
     *     asks for something the log cannot do, or the channel exists with another partition count
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
            ChannelPolicy policy = config.durability() == null
                    ? definition.policy()
                    : definition.policy().withDurability(config.durability());
            LogChannel channel = LogChannel.open(
                    directory,
                    definition,
                    policy,
                    commitFor(policy.durability()),
                    gate,
                    settings,
                    config.tombstoneRetention(),
                    this::find);
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
     * Opens every channel stored in the log's directory that is not open yet, with the partition count it was
     * created with and the default policy: channels created over the API, which no flow file declares, come
     * back after a restart. Returns the channels it opened.
     *
     * @throws StorageException if the directory cannot be listed or a channel cannot be opened
     */
    public List<Channel> openStored() {
        List<Channel> opened = new ArrayList<>();
        for (String name : storedChannels()) {
            if (channels.containsKey(name)) {
                continue;
            }
            Path channelDirectory = directory.resolve(name);
            int partitions = ChannelProperties.read(settings.storage(), channelDirectory)
                    .orElseThrow()
                    .partitions();
            opened.add(open(
                    new ChannelDefinition(name, partitions, new SourceLocation(channelDirectory.toString(), 0, 0))));
        }
        return opened;
    }

    /**
     * {@inheritDoc}
     *
     * <p>The channel is closed, its directory renamed out of the way in one atomic step (a crash leaves the
     * channel whole or gone, never half), and then its files are deleted.
     *
     * @throws ConfigurationException if no channel of that name is stored here
     * @throws StorageException       if its files cannot be moved or deleted
     */
    @Override
    public void delete(String name) {
        openLock.lock();
        try {
            gate.checkOpen("delete channel '" + name + "'");
            if (!storedChannels().contains(name)) {
                throw new ConfigurationException("channel '" + name + "' does not exist in " + directory
                        + ", so nothing was deleted; `flows channel ls` lists the channels");
            }
            LogChannel channel = channels.remove(name);
            if (channel != null) {
                channel.close();
            }
            Path trash = directory.resolve(DELETED_PREFIX + name + "-" + System.nanoTime());
            Storage storage = settings.storage();
            try {
                storage.move(directory.resolve(name), trash);
                storage.forceDirectory(directory);
                deleteTree(storage, trash);
            } catch (IOException e) {
                throw new StorageException(
                        "could not delete channel '" + name + "' (" + e + "); check the permissions of " + directory
                                + " and delete " + trash + " by hand",
                        e);
            }
            LOG.log(Level.INFO, "deleted channel ''{0}''", name);
        } finally {
            openLock.unlock();
        }
    }

    /** The names of the channels stored in the log's directory, open or not, in name order. */
    private List<String> storedChannels() {
        try {
            List<String> names = new ArrayList<>();
            for (Path entry : settings.storage().list(directory)) {
                String name = entry.getFileName().toString();
                if (!name.startsWith(".") && settings.storage().exists(entry.resolve(ChannelProperties.FILE_NAME))) {
                    names.add(name);
                }
            }
            return names;
        } catch (IOException e) {
            throw new StorageException(
                    "could not list the channels in " + directory + " (" + e + "); check its permissions", e);
        }
    }

    /** Removes what a delete interrupted by a crash left behind. */
    private static void removeDeleted(Storage storage, Path directory) {
        try {
            for (Path entry : storage.list(directory)) {
                if (entry.getFileName().toString().startsWith(DELETED_PREFIX)) {
                    deleteTree(storage, entry);
                }
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, "could not remove the remains of deleted channels in " + directory + ": " + e);
        }
    }

    private static void deleteTree(Storage storage, Path path) throws IOException {
        for (Path child : storage.list(path)) {
            deleteTree(storage, child);
        }
        storage.delete(path);
    }

    /**
     * What recovery found and did (torn tails truncated, damaged ranges, indexes rebuilt, checkpoints
     * ignored) in every channel opened so far, in the order the channels opened. Each event was also logged
     * once at WARNING through {@link System.Logger}. Thread-safe snapshot.
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
     * Waits for running appends to finish, stops the timer and cleaner, flushes every partition (writing
     * its index and recovery checkpoint), stops the flusher and closes every file. Later appends, reads and
     * opens throw {@link IllegalStateException}; readers parked in {@code awaitRecords} return. Idempotent.
     *
     * @throws StorageException if a final flush or close fails; everything is closed anyway
     */
    @Override
    public void close() {
        if (!gate.close()) {
            return;
        }
        List<RuntimeException> failures = new ArrayList<>();
        run(() -> stop(cleaner), failures);
        run(() -> stop(timer), failures);
        intervalCommits.values().forEach(commit -> run(commit::close, failures));
        run(forceCommit::close, failures);
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

    private CommitStrategy commitFor(Durability durability) {
        return switch (durability.mode()) {
            case FSYNC -> forceCommit;
            case OS -> pageCacheCommit;
            case INTERVAL ->
                intervalCommits.computeIfAbsent(
                        durability.interval(), interval -> new IntervalCommitStrategy(timer, interval));
        };
    }

    /** Runs a periodic task on every open channel; a failure is logged and the task keeps its schedule. */
    private void forEachChannel(Consumer<LogChannel> task, String what) {
        for (LogChannel channel : channels.values()) {
            try {
                task.accept(channel);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "could not " + what + " " + channel + ": " + e.getMessage());
            }
        }
    }

    private static ScheduledExecutorService scheduler(String threadName) {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(
                1, task -> Thread.ofPlatform().name(threadName).daemon().unstarted(task));
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        executor.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
        executor.setRemoveOnCancelPolicy(true);
        return executor;
    }

    /** Lets a running task finish without interrupting it (it may be doing file I/O), then returns. */
    private static void stop(ScheduledExecutorService executor) {
        executor.shutdown();
        boolean interrupted = false;
        while (true) {
            try {
                if (executor.awaitTermination(1, TimeUnit.MINUTES)) {
                    break;
                }
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static void run(Runnable step, List<RuntimeException> failures) {
        try {
            step.run();
        } catch (RuntimeException e) {
            failures.add(e);
        }
    }

    private static Closeable lock(Storage storage, Path directory) {
        Path file = directory.resolve(LOCK_FILE);
        Optional<Closeable> lock;
        try {
            createDurably(storage, directory);
            lock = storage.lock(file);
        } catch (IOException e) {
            throw new StorageException(
                    "could not create or lock the log directory's lock file " + file + ": " + e
                            + "; check that the path is a writable directory on a file system with locks, or choose another",
                    e);
        }
        return lock.orElseThrow(() -> new ConfigurationException("the log directory " + directory
                + " is in use: another embedded log (in this process or another) holds " + file
                + "; close or stop that one first, or give this one another directory"));
    }

    /** Creates {@code directory} and its missing parents, each entry forced into its parent. */
    private static void createDurably(Storage storage, Path directory) throws IOException {
        Deque<Path> missing = new ArrayDeque<>();
        for (Path path = directory; path != null && !storage.exists(path); path = path.getParent()) {
            missing.push(path);
        }
        storage.createDirectories(directory);
        for (Path created : missing) {
            storage.forceDirectory(created.getParent());
        }
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
}
