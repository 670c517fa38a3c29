package dev.flows.engine.runtime;

import dev.flows.api.state.StateStore;
import dev.flows.api.state.StateUpdate;
import dev.flows.api.state.TableRow;
import dev.flows.engine.format.JsonValues;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Keyed state held in memory: written to the state store at checkpoints (only the keys changed since the last
 * one), and read back whole when the task starts. A value is written as JSON through a {@link
 * KeyedState.Codec}, so a checkpoint can be inspected with any JSON tool. Confined to one task's thread.
 *
 * @param <S> the state of one key
 */
final class MemoryKeyedState<S> implements KeyedState<S> {

    private static final int RESTORE_PAGE = 1_000;

    private final String table;
    private final Codec<S> codec;
    private final Map<String, S> values = new HashMap<>();
    private final Set<String> dirty = new HashSet<>();
    private boolean tracked = true;

    /**
     * @param table the state-store table holding this stage's checkpointed state
     */
    MemoryKeyedState(String table, Codec<S> codec) {
        this.table = table;
        this.codec = codec;
    }

    /** Stops recording changed keys, for a run that never checkpoints (a local run), where they would only pile up. */
    @Override
    public void untracked() {
        tracked = false;
        dirty.clear();
    }

    /** The state of a key, or null. */
    @Override
    public S get(String key) {
        return values.get(key);
    }

    /** Sets the state of a key. */
    @Override
    public void put(String key, S value) {
        values.put(key, value);
        if (tracked) {
            dirty.add(key);
        }
    }

    /** Records that the state of a key was changed in place. */
    @Override
    public void changed(String key) {
        if (tracked) {
            dirty.add(key);
        }
    }

    /** Forgets a key. */
    @Override
    public void remove(String key) {
        if (values.remove(key) != null && tracked) {
            dirty.add(key);
        }
    }

    /** Every key's state, to iterate (not to change the set of keys). */
    @Override
    public Collection<Map.Entry<String, S>> entries() {
        return values.entrySet();
    }

    @Override
    public int size() {
        return values.size();
    }

    /** Adds a put (or a delete) for every key changed since the last checkpoint. */
    @Override
    public void checkpoint(List<StateUpdate.Put> puts) {
        for (String key : dirty) {
            S value = values.get(key);
            puts.add(new StateUpdate.Put(table, key, value == null ? null : JsonValues.encode(codec.encode(value))));
        }
        dirty.clear();
    }

    /** Loads every key the last checkpoint left, replacing what is in memory. */
    @Override
    public void restore(StateStore state) {
        values.clear();
        dirty.clear();
        String after = "";
        while (true) {
            List<TableRow> rows = state.scan(table, after, RESTORE_PAGE);
            for (TableRow row : rows) {
                values.put(row.key(), codec.decode(JsonValues.decode(row.value())));
            }
            if (rows.size() < RESTORE_PAGE) {
                return;
            }
            after = rows.getLast().key();
        }
    }
}
