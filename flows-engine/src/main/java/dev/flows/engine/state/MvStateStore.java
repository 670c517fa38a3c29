package dev.flows.engine.state;

import dev.flows.api.error.StorageException;
import dev.flows.api.state.ChangeVersions;
import dev.flows.api.state.StateStore;
import dev.flows.api.state.StateUpdate;
import dev.flows.api.state.TableChange;
import dev.flows.api.state.TableRow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.StampedLock;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link StateStore} in one H2 MVStore file: one map per state table ({@code table.<name>}, String key to
 * JSON bytes), one map of consumer offsets ({@code offsets}) and the tables' changelogs ({@link Changelogs}; see
 * {@link StateMaps} for every map). Thread-safe.
 *
 * <p>Auto-commit is off, so nothing reaches the file except through {@link #apply}, which writes the
 * update's puts and offsets, commits them as one MVStore version and forces the file to disk before it
 * returns; if anything fails on the way it rolls the store back, so none of the update is visible. Reads go
 * to the maps directly: apply is the only writer and commits everything it writes before returning. So that
 * a read concurrent with an apply never sees half an update (MVMaps show uncommitted writes), reads run
 * under an optimistic stamp of the lock apply holds, and retry under the read lock if an apply overlapped.
 * Reads never block each other and block on a writer only when they overlap its apply.
 *
 * <p>The store never reuses space inside its file: measured with H2 2.5.252, a process killed (SIGKILL)
 * after MVStore had reused space lost up to 18 of its last acknowledged, synced commits on reopen, because
 * recovery rejects recent chunks whose neighbours were overwritten; without reuse no kill lost one. Each
 * apply appends a chunk (about 20 KiB), so apply compacts the file first when it has grown to twice its
 * size after the last compaction (and at least {@value #DEFAULT_COMPACT_AT_BYTES} bytes): it copies the live
 * rows and offsets into a new file and renames it over the old one ({@link StoreCompaction}).
 *
 * <p>A logged put that changes its row is recorded in the table's changelog in the same commit, and only the
 * last {@value #DEFAULT_CHANGES_KEPT} changes of each table (or as many as {@link #openKeepingChanges} says) are
 * kept. {@link #awaitChange} waiters wake after the commit that made a change is on disk.
 *
 * <p>Values are copied on the way in and out, so callers may reuse their arrays. A closed store throws
 * IllegalStateException from every method but {@link #close}.
 */
public final class MvStateStore implements StateStore {

    /** The smallest file size at which apply compacts the file. */
    public static final long DEFAULT_COMPACT_AT_BYTES = 64L << 20;

    /** How many of its latest changes each table's changelog keeps by default. */
    public static final int DEFAULT_CHANGES_KEPT = 100_000;

    private static final Logger LOG = LoggerFactory.getLogger(MvStateStore.class);

    private final Path file;
    private final long minCompactBytes;
    private final StampedLock lock = new StampedLock();
    private final Map<String, MVMap<String, byte[]>> tables = new ConcurrentHashMap<>();
    private final Changelogs changelogs;
    private final ReentrantLock changeLock = new ReentrantLock();
    private final Condition changed = changeLock.newCondition();
    private volatile MVStore store;
    private volatile MVMap<String, Long> offsets;
    private volatile boolean closed;
    private long compactAtBytes;

    private MvStateStore(Path file, MVStore store, long minCompactBytes, int changesKept) {
        this.file = file;
        this.store = store;
        this.minCompactBytes = minCompactBytes;
        this.changelogs = new Changelogs(changesKept);
        this.compactAtBytes = nextCompaction(store);
    }

    /**
     * Opens the store in a file, creating the file and its parent directories if needed.
     *
     * @throws StorageException if the directory cannot be created or the file cannot be opened (locked by
     *     another process, unreadable, damaged)
     */
    public static MvStateStore open(Path file) {
        return open(file, DEFAULT_COMPACT_AT_BYTES, DEFAULT_CHANGES_KEPT);
    }

    /**
     * Opens the store as {@link #open(Path)} does, keeping the last {@code changesKept} changes of each table in
     * its changelog; a smaller number than the file kept before drops the older changes at the table's next
     * change.
     *
     * @throws IllegalArgumentException if {@code changesKept} is less than 1
     */
    public static MvStateStore openKeepingChanges(Path file, int changesKept) {
        return open(file, DEFAULT_COMPACT_AT_BYTES, changesKept);
    }

    /** Opens the store with another compaction threshold; tests use a small one. */
    static MvStateStore open(Path file, long minCompactBytes) {
        return open(file, minCompactBytes, DEFAULT_CHANGES_KEPT);
    }

    private static MvStateStore open(Path file, long minCompactBytes, int changesKept) {
        Path parent = file.toAbsolutePath().getParent();
        try {
            if (parent != null) {
                Files.createDirectories(parent);
            }
            StoreCompaction.removeLeftover(file);
        } catch (IOException e) {
            throw new StorageException(
                    "cannot prepare directory " + parent + " for state store " + file + ": " + e
                            + "; make the directory writable by Flows or choose another state file",
                    e);
        }
        return new MvStateStore(file, openStore(file), minCompactBytes, changesKept);
    }

    private static MVStore openStore(Path file) {
        try {
            MVStore store = new MVStore.Builder()
                    .fileName(file.toString())
                    .autoCommitDisabled()
                    .open();
            store.setReuseSpace(false);
            return store;
        } catch (RuntimeException e) {
            throw new StorageException(
                    "cannot open state store " + file + ": " + e.getMessage()
                            + "; check that no other Flows process uses this file and that it is readable,"
                            + " or restore it from a backup if it is damaged",
                    e);
        }
    }

    /** The file this store lives in. */
    public Path file() {
        return file;
    }

    @Override
    public Optional<byte[]> get(String table, String key) {
        return read(locked -> {
            MVMap<String, byte[]> map = existingTable(table, locked);
            byte[] value = map == null ? null : map.get(key);
            return value == null ? Optional.empty() : Optional.of(value.clone());
        });
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException if {@code limit} is negative
     */
    @Override
    public List<TableRow> scan(String table, String afterKey, int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException(
                    "scan of table '" + table + "' asked for " + limit + " rows; pass a limit of 0 or more");
        }
        return read(locked -> {
            MVMap<String, byte[]> map = existingTable(table, locked);
            if (map == null || limit == 0) {
                return List.of();
            }
            boolean fromFirst = afterKey.isEmpty();
            List<TableRow> rows = new ArrayList<>(Math.min(limit, 256));
            Cursor<String, byte[]> cursor = map.cursor(fromFirst ? null : afterKey);
            while (rows.size() < limit && cursor.hasNext()) {
                String key = cursor.next();
                if (fromFirst || !key.equals(afterKey)) {
                    rows.add(new TableRow(key, cursor.getValue().clone()));
                }
            }
            return List.copyOf(rows);
        });
    }

    @Override
    public Set<String> tables() {
        return read(locked -> {
            Set<String> names = new TreeSet<>();
            for (String mapName : store.getMapNames()) {
                if (mapName.startsWith(StateMaps.TABLE_PREFIX)) {
                    String name = mapName.substring(StateMaps.TABLE_PREFIX.length());
                    MVMap<String, byte[]> map = existingTable(name, locked);
                    if (map != null && !map.isEmpty()) {
                        names.add(name);
                    }
                }
            }
            return Collections.unmodifiableSet(names);
        });
    }

    @Override
    public long size(String table) {
        return read(locked -> {
            MVMap<String, byte[]> map = existingTable(table, locked);
            return map == null ? 0L : map.sizeAsLong();
        });
    }

    @Override
    public OptionalLong committedOffset(String consumer, String channel, int partition) {
        String key = new OffsetKey(consumer, channel, partition).encoded();
        return read(locked -> {
            MVMap<String, Long> map = existingOffsets(locked);
            Long offset = map == null ? null : map.get(key);
            return offset == null ? OptionalLong.empty() : OptionalLong.of(offset);
        });
    }

    @Override
    public List<TableChange> changes(String table, long afterVersion, int limit) {
        return read(locked -> changelogs.changes(store, table, afterVersion, limit, locked));
    }

    @Override
    public ChangeVersions changeVersions(String table) {
        return read(locked -> changelogs.versions(store, table, locked));
    }

    /** {@inheritDoc} Wakes when an apply that changed a table has committed and forced it to disk. */
    @Override
    public boolean awaitChange(String table, long afterVersion, Duration timeout) throws InterruptedException {
        long nanos = timeout.toNanos();
        changeLock.lock();
        try {
            while (changeVersions(table).last() <= afterVersion) {
                if (nanos <= 0) {
                    return false;
                }
                nanos = changed.awaitNanos(nanos);
            }
            return true;
        } finally {
            changeLock.unlock();
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>Blocks while another apply runs, for the time the disk needs to force the file and, when the file
     * has doubled, for the copy of the live data into a compacted file.
     *
     * @throws IllegalArgumentException if a put names an invalid table or has no key, or an offset commit is
     *     incomplete or negative; nothing of the update is stored
     * @throws StorageException if the store failed to write; nothing of the update is visible (unless only
     *     the final force to disk failed, which the message says), and if MVStore closed itself on the
     *     failure every later call fails too, until Flows restarts
     */
    @Override
    public void apply(StateUpdate update) {
        boolean tableChanged;
        long stamp = lock.writeLock();
        try {
            checkOpen();
            compactIfLarge();
            try {
                write(update);
                tableChanged = changelogs.finishUpdate();
                store.commit();
            } catch (RuntimeException e) {
                rollBack(e);
                if (e instanceof IllegalArgumentException) {
                    throw e;
                }
                throw new StorageException(
                        "state store " + file + " failed to apply an update of "
                                + update.puts().size()
                                + " puts and " + update.offsets().size() + " offsets: " + e
                                + "; nothing of the update was stored, check the disk (space, permissions,"
                                + " errors in the system log) and retry, or restart Flows if it keeps failing",
                        e);
            }
            sync();
        } finally {
            lock.unlockWrite(stamp);
        }
        if (tableChanged) {
            signalChange();
        }
    }

    /** Wakes the {@link #awaitChange} waiters; after the write lock is released, so that they can read. */
    private void signalChange() {
        changeLock.lock();
        try {
            changed.signalAll();
        } finally {
            changeLock.unlock();
        }
    }

    /** Forces the committed update to disk; it is visible already, so a failure here cannot undo it. */
    private void sync() {
        try {
            store.sync();
        } catch (RuntimeException e) {
            throw new StorageException(
                    "state store " + file + " committed an update but failed to force it to disk: " + e
                            + "; the update may be lost if the machine crashes, check the disk (space, errors in"
                            + " the system log) and restart Flows, which resumes from what is on disk",
                    e);
        }
    }

    /**
     * Compacts the file if it has grown past the threshold. Runs before an update is written, so a failure
     * here leaves the update unapplied. A failed copy is logged and the old file kept until the next
     * threshold; a store that cannot be reopened after the swap is closed.
     */
    private void compactIfLarge() {
        MVStore current = store;
        if (current.getFileStore().size() < compactAtBytes) {
            return;
        }
        Path copy;
        try {
            copy = StoreCompaction.copy(current, file);
        } catch (IOException | RuntimeException e) {
            compactAtBytes = 2 * compactAtBytes;
            LOG.warn(
                    "state store {} could not be compacted, so its file keeps growing until the next try at {}"
                            + " bytes: {}; check the free disk space",
                    file,
                    compactAtBytes,
                    e.toString());
            return;
        }
        tables.clear();
        offsets = null;
        changelogs.forget();
        try {
            current.close();
            StoreCompaction.swapIn(copy, file);
            store = openStore(file);
        } catch (IOException | RuntimeException e) {
            closed = true;
            throw new StorageException(
                    "state store " + file + " was closed to swap in its compacted copy " + copy
                            + " and could not be reopened: " + e + "; nothing of the update was stored, restart"
                            + " Flows, and if it cannot open the file, rename " + copy + " to " + file,
                    e);
        }
        compactAtBytes = nextCompaction(store);
    }

    private long nextCompaction(MVStore compacted) {
        return Math.max(minCompactBytes, 2 * compacted.getFileStore().size());
    }

    private void write(StateUpdate update) {
        List<StateUpdate.Put> puts = update.puts();
        for (int i = 0; i < puts.size(); i++) {
            StateUpdate.Put put = puts.get(i);
            MVMap<String, byte[]> map = table(put, i);
            if (put.value() == null) {
                byte[] removed = map.remove(put.key());
                if (put.logged() && removed != null) {
                    changelogs.record(store, put.table(), put.key(), null);
                }
            } else {
                byte[] value = put.value().clone();
                byte[] previous = map.put(put.key(), value);
                if (put.logged() && !Arrays.equals(previous, value)) {
                    changelogs.record(store, put.table(), put.key(), value);
                }
            }
        }
        List<StateUpdate.OffsetCommit> commits = update.offsets();
        for (int i = 0; i < commits.size(); i++) {
            StateUpdate.OffsetCommit commit = commits.get(i);
            validate(commit, i);
            MVMap<String, Long> map = offsets == null ? openOffsets() : offsets;
            map.put(
                    new OffsetKey(commit.consumer(), commit.channel(), commit.partition()).encoded(),
                    commit.nextOffset());
        }
    }

    private MVMap<String, byte[]> table(StateUpdate.Put put, int index) {
        if (!TableNames.isValid(put.table())) {
            throw new IllegalArgumentException("put " + index + " of the update names table '" + put.table()
                    + "', which is not a valid table name; use lower-case letters, digits, '.', '_' and '-',"
                    + " starting with a letter, at most " + TableNames.MAX_LENGTH + " characters, e.g."
                    + " 'orders.by-customer'");
        }
        if (put.key() == null) {
            throw new IllegalArgumentException("put " + index + " of the update to table '" + put.table()
                    + "' has no key; give every row a non-null key");
        }
        return tables.computeIfAbsent(put.table(), name -> StateMaps.openTable(store, name));
    }

    private static void validate(StateUpdate.OffsetCommit commit, int index) {
        if (commit.consumer() == null || commit.channel() == null) {
            throw new IllegalArgumentException("offset commit " + index + " of the update has consumer '"
                    + commit.consumer() + "' and channel '" + commit.channel()
                    + "'; name both the consumer and the channel");
        }
        if (commit.partition() < 0 || commit.nextOffset() < 0) {
            throw new IllegalArgumentException("offset commit " + index + " of the update for consumer '"
                    + commit.consumer() + "' on channel '" + commit.channel() + "' has partition "
                    + commit.partition() + " and offset " + commit.nextOffset()
                    + "; partitions and offsets start at 0");
        }
    }

    /** Reverts every uncommitted write. Maps created by the failed update are closed by the rollback. */
    private void rollBack(RuntimeException failure) {
        try {
            store.rollback();
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        } finally {
            tables.clear();
            offsets = null;
            changelogs.forget();
        }
    }

    /**
     * A table's map, or null when the store has no such map (reads must not create maps).
     *
     * @param locked whether the caller holds a lock; without one, a map not yet open throws {@link NeedsLock}
     */
    private MVMap<String, byte[]> existingTable(String table, boolean locked) {
        MVMap<String, byte[]> map = tables.get(table);
        if (map == null && store.hasMap(StateMaps.TABLE_PREFIX + table)) {
            if (!locked) {
                throw NeedsLock.INSTANCE;
            }
            map = tables.computeIfAbsent(table, name -> StateMaps.openTable(store, name));
        }
        return map;
    }

    private MVMap<String, Long> existingOffsets(boolean locked) {
        MVMap<String, Long> map = offsets;
        if (map == null && store.hasMap(StateMaps.OFFSETS)) {
            if (!locked) {
                throw NeedsLock.INSTANCE;
            }
            map = openOffsets();
        }
        return map;
    }

    /** Opens (creating if needed) the offsets map; called under a lock, so two callers open the same map. */
    private MVMap<String, Long> openOffsets() {
        MVMap<String, Long> map = StateMaps.openOffsets(store);
        offsets = map;
        return map;
    }

    /**
     * Runs a read optimistically and returns its result if no apply overlapped it, else runs it again under
     * the read lock, which no apply holds at the same time. A failure of an overlapped optimistic run is
     * discarded with its result. Optimistic runs only look maps up; opening a map (which fills the cache that
     * rollback clears) needs the lock.
     */
    private <T> T read(Read<T> reader) {
        long stamp = lock.tryOptimisticRead();
        if (stamp != 0) {
            checkOpen();
            try {
                T result = reader.run(false);
                if (lock.validate(stamp)) {
                    return result;
                }
            } catch (NeedsLock e) {
                // a map to open: fall through to the locked run
            } catch (RuntimeException e) {
                if (lock.validate(stamp)) {
                    throw e;
                }
            }
        }
        stamp = lock.readLock();
        try {
            checkOpen();
            return reader.run(true);
        } finally {
            lock.unlockRead(stamp);
        }
    }

    /** One read of the maps; {@code locked} says whether it may open maps. */
    @FunctionalInterface
    private interface Read<T> {
        T run(boolean locked);
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException(
                    "state store " + file + " is closed; open it again with MvStateStore.open before using it");
        }
    }

    /**
     * Closes the file. Waits for an apply in progress. Calling it again does nothing.
     *
     * @throws StorageException if the store failed to close the file
     */
    @Override
    public void close() {
        long stamp = lock.writeLock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            store.close();
        } catch (RuntimeException e) {
            throw new StorageException(
                    "state store " + file + " failed to close: " + e
                            + "; every applied update is already on disk, check the disk before reopening",
                    e);
        } finally {
            lock.unlockWrite(stamp);
        }
    }
}
