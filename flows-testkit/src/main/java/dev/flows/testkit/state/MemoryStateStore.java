package dev.flows.testkit.state;

import dev.flows.api.state.ChangeVersions;
import dev.flows.api.state.StateStore;
import dev.flows.api.state.StateUpdate;
import dev.flows.api.state.TableChange;
import dev.flows.api.state.TableRow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * A {@link StateStore} in memory, for tests: tables are sorted maps, so scans come in key order as from the
 * real store, and each table keeps a changelog of its last {@value #DEFAULT_CHANGES_KEPT} changes as the real
 * store does. {@link #apply} is atomic because every method holds the store's monitor; nothing is durable.
 * Values are copied in and out, so a caller cannot change a stored row by changing its array. Thread-safe.
 */
public final class MemoryStateStore implements StateStore {

    /** How many of its latest changes each table's changelog keeps, unless the constructor says otherwise. */
    public static final int DEFAULT_CHANGES_KEPT = 100_000;

    private final Map<String, TreeMap<String, byte[]>> tables = new HashMap<>();
    private final Map<String, Long> offsets = new HashMap<>();
    private final Map<String, TreeMap<Long, TableChange>> changes = new HashMap<>();
    private final Map<String, Long> versions = new HashMap<>();
    private final int changesKept;

    /** A store whose tables keep their last {@value #DEFAULT_CHANGES_KEPT} changes. */
    public MemoryStateStore() {
        this(DEFAULT_CHANGES_KEPT);
    }

    /**
     * A store whose tables keep their last {@code changesKept} changes.
     *
     * @throws IllegalArgumentException if {@code changesKept} is less than 1
     */
    public MemoryStateStore(int changesKept) {
        if (changesKept < 1) {
            throw new IllegalArgumentException("a changelog that keeps " + changesKept
                    + " changes per table cannot be resumed from; keep at least 1");
        }
        this.changesKept = changesKept;
    }

    @Override
    public synchronized Optional<byte[]> get(String table, String key) {
        TreeMap<String, byte[]> rows = tables.get(table);
        return rows == null
                ? Optional.empty()
                : Optional.ofNullable(rows.get(key)).map(byte[]::clone);
    }

    @Override
    public synchronized List<TableRow> scan(String table, String afterKey, int limit) {
        TreeMap<String, byte[]> rows = tables.get(table);
        List<TableRow> page = new ArrayList<>();
        if (rows == null) {
            return page;
        }
        for (Map.Entry<String, byte[]> row : rows.tailMap(afterKey, false).entrySet()) {
            if (page.size() >= limit) {
                break;
            }
            page.add(new TableRow(row.getKey(), row.getValue().clone()));
        }
        return page;
    }

    @Override
    public synchronized Set<String> tables() {
        Set<String> names = new TreeSet<>();
        tables.forEach((name, rows) -> {
            if (!rows.isEmpty()) {
                names.add(name);
            }
        });
        return names;
    }

    @Override
    public synchronized long size(String table) {
        TreeMap<String, byte[]> rows = tables.get(table);
        return rows == null ? 0 : rows.size();
    }

    @Override
    public synchronized OptionalLong committedOffset(String consumer, String channel, int partition) {
        Long offset = offsets.get(offsetKey(consumer, channel, partition));
        return offset == null ? OptionalLong.empty() : OptionalLong.of(offset);
    }

    @Override
    public synchronized List<TableChange> changes(String table, long afterVersion, int limit) {
        TreeMap<Long, TableChange> log = changes.get(table);
        List<TableChange> page = new ArrayList<>();
        if (log == null) {
            return page;
        }
        for (TableChange change : log.tailMap(afterVersion, false).values()) {
            if (page.size() >= limit) {
                break;
            }
            page.add(new TableChange(
                    change.version(),
                    change.key(),
                    change.row() == null ? null : change.row().clone()));
        }
        return page;
    }

    @Override
    public synchronized ChangeVersions changeVersions(String table) {
        Long last = versions.get(table);
        if (last == null) {
            return ChangeVersions.NONE;
        }
        TreeMap<Long, TableChange> log = changes.get(table);
        return new ChangeVersions(log.isEmpty() ? last + 1 : log.firstKey(), last);
    }

    @Override
    public synchronized boolean awaitChange(String table, long afterVersion, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (versions.getOrDefault(table, 0L) <= afterVersion) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }

    @Override
    public synchronized void apply(StateUpdate update) {
        boolean changed = false;
        for (StateUpdate.Put put : update.puts()) {
            TreeMap<String, byte[]> rows = tables.computeIfAbsent(put.table(), name -> new TreeMap<>());
            byte[] value = put.value() == null ? null : put.value().clone();
            byte[] previous = value == null ? rows.remove(put.key()) : rows.put(put.key(), value);
            if (put.logged() && !Arrays.equals(previous, value)) {
                record(put.table(), put.key(), value);
                changed = true;
            }
        }
        for (StateUpdate.OffsetCommit commit : update.offsets()) {
            offsets.put(offsetKey(commit.consumer(), commit.channel(), commit.partition()), commit.nextOffset());
        }
        if (changed) {
            notifyAll();
        }
    }

    private void record(String table, String key, byte[] row) {
        long version = versions.getOrDefault(table, 0L) + 1;
        versions.put(table, version);
        TreeMap<Long, TableChange> log = changes.computeIfAbsent(table, name -> new TreeMap<>());
        log.put(version, new TableChange(version, key, row == null ? null : row.clone()));
        while (log.size() > changesKept) {
            log.pollFirstEntry();
        }
    }

    /** Keeps everything: a test may read the tables after closing the flow. */
    @Override
    public void close() {}

    private static String offsetKey(String consumer, String channel, int partition) {
        return consumer + '\u0000' + channel + '\u0000' + partition;
    }
}
