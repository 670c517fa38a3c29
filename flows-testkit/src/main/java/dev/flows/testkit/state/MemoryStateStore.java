package dev.flows.testkit.state;

import dev.flows.api.state.StateStore;
import dev.flows.api.state.StateUpdate;
import dev.flows.api.state.TableRow;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A {@link StateStore} in memory, for tests: tables are sorted maps, so scans come in key order as from the
 * real store. {@link #apply} is atomic because every method holds the store's monitor; nothing is durable.
 * Values are copied in and out, so a caller cannot change a stored row by changing its array. Thread-safe.
 */
public final class MemoryStateStore implements StateStore {

    private final Map<String, TreeMap<String, byte[]>> tables = new HashMap<>();
    private final Map<String, Long> offsets = new HashMap<>();

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
    public synchronized void apply(StateUpdate update) {
        for (StateUpdate.Put put : update.puts()) {
            TreeMap<String, byte[]> rows = tables.computeIfAbsent(put.table(), name -> new TreeMap<>());
            if (put.value() == null) {
                rows.remove(put.key());
            } else {
                rows.put(put.key(), put.value().clone());
            }
        }
        for (StateUpdate.OffsetCommit commit : update.offsets()) {
            offsets.put(offsetKey(commit.consumer(), commit.channel(), commit.partition()), commit.nextOffset());
        }
    }

    /** Keeps everything: a test may read the tables after closing the flow. */
    @Override
    public void close() {}

    private static String offsetKey(String consumer, String channel, int partition) {
        return consumer + '\u0000' + channel + '\u0000' + partition;
    }
}
