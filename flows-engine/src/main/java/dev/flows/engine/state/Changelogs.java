package dev.flows.engine.state;

import dev.flows.api.state.ChangeVersions;
import dev.flows.api.state.TableChange;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * The changelogs of the state tables in one MVStore file: per table, its last {@code kept} changes by version
 * ({@code changes.<table>}), and the last version of every table ({@code change-versions}). Versions start at 1
 * and grow by one per change, without gaps, across restarts and compactions.
 *
 * <p>Written only by {@link MvStateStore#apply} under its write lock, in the same MVStore commit as the rows,
 * so a change is in the changelog exactly when its row is in the table. Reads run under the store's optimistic
 * stamp or its read lock, like the table reads; {@code locked} says which (only a locked read may open a map).
 * The map caches are cleared with the store's own on a rollback or a compaction.
 */
final class Changelogs {

    private final int kept;
    private final Map<String, MVMap<Long, byte[]>> maps = new ConcurrentHashMap<>();
    private final Set<String> touched = new HashSet<>();
    private volatile MVMap<String, Long> versions;

    /** @param kept how many of its latest changes each table keeps; at least 1 */
    Changelogs(int kept) {
        if (kept < 1) {
            throw new IllegalArgumentException(
                    "a changelog that keeps " + kept + " changes per table cannot be resumed from; keep at least 1");
        }
        this.kept = kept;
    }

    /** Records a change of row {@code key} (a null {@code row} deletes it) with the table's next version. */
    void record(MVStore store, String table, String key, byte[] row) {
        MVMap<String, Long> last = versions == null ? openVersions(store) : versions;
        Long previous = last.get(table);
        long version = previous == null ? 1 : previous + 1;
        last.put(table, version);
        maps.computeIfAbsent(table, name -> StateMaps.openChanges(store, name))
                .put(version, ChangeEntry.encode(key, row));
        touched.add(table);
    }

    /**
     * Ends the update being written: drops the changes of the tables it changed that are older than the last
     * {@code kept}. Called before the commit, so the drop commits with the changes.
     *
     * @return whether the update changed any table
     */
    boolean finishUpdate() {
        for (String table : touched) {
            MVMap<Long, byte[]> changes = maps.get(table);
            long first = versions.get(table) - kept + 1;
            for (Long oldest = changes.firstKey(); oldest != null && oldest < first; oldest = changes.firstKey()) {
                changes.remove(oldest);
            }
        }
        boolean changed = !touched.isEmpty();
        touched.clear();
        return changed;
    }

    /** Forgets the open maps and the update being written, after a rollback or with the file they belong to. */
    void forget() {
        maps.clear();
        versions = null;
        touched.clear();
    }

    /** Up to {@code limit} changes of {@code table} after {@code afterVersion}, oldest first. */
    List<TableChange> changes(MVStore store, String table, long afterVersion, int limit, boolean locked) {
        MVMap<Long, byte[]> changes = existing(store, table, locked);
        if (changes == null || limit <= 0) {
            return List.of();
        }
        List<TableChange> page = new ArrayList<>(Math.min(limit, 256));
        Cursor<Long, byte[]> cursor = changes.cursor(Math.max(afterVersion, 0) + 1);
        while (page.size() < limit && cursor.hasNext()) {
            long version = cursor.next();
            page.add(ChangeEntry.decode(table, version, cursor.getValue()));
        }
        return List.copyOf(page);
    }

    /** The versions {@code table}'s changelog holds. */
    ChangeVersions versions(MVStore store, String table, boolean locked) {
        MVMap<String, Long> last = versions;
        if (last == null && store.hasMap(StateMaps.CHANGE_VERSIONS)) {
            if (!locked) {
                throw NeedsLock.INSTANCE;
            }
            last = openVersions(store);
        }
        Long version = last == null ? null : last.get(table);
        if (version == null) {
            return ChangeVersions.NONE;
        }
        MVMap<Long, byte[]> changes = existing(store, table, locked);
        Long first = changes == null ? null : changes.firstKey();
        return new ChangeVersions(first == null ? version + 1 : first, version);
    }

    private MVMap<Long, byte[]> existing(MVStore store, String table, boolean locked) {
        MVMap<Long, byte[]> changes = maps.get(table);
        if (changes == null && store.hasMap(StateMaps.CHANGES_PREFIX + table)) {
            if (!locked) {
                throw NeedsLock.INSTANCE;
            }
            changes = maps.computeIfAbsent(table, name -> StateMaps.openChanges(store, name));
        }
        return changes;
    }

    private MVMap<String, Long> openVersions(MVStore store) {
        MVMap<String, Long> map = StateMaps.openChangeVersions(store);
        versions = map;
        return map;
    }
}
