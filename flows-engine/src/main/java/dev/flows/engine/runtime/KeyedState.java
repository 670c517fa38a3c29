package dev.flows.engine.runtime;

import dev.flows.api.state.StateStore;
import dev.flows.api.state.StateUpdate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The keyed state of one stateful stage: a value per key, checkpointed with the task's offsets and read back
 * when the task starts. {@link MemoryKeyedState} keeps every key in memory; a disk-first implementation
 * (RocksDB) can take its place for state that outgrows memory without the stages changing. Confined to one
 * task's thread.
 *
 * @param <S> the state of one key
 */
interface KeyedState<S> {

    /** The state of a key, or null. */
    S get(String key);

    /** Sets the state of a key. */
    void put(String key, S value);

    /** Records that the state of a key was changed in place. */
    void changed(String key);

    /**
     * The state of a key about to be changed in place: the existing one, recorded as changed, or a fresh one
     * from {@code fresh}, stored.
     */
    default S forUpdate(String key, Supplier<S> fresh) {
        S value = get(key);
        if (value == null) {
            value = fresh.get();
            put(key, value);
        } else {
            changed(key);
        }
        return value;
    }

    /** Forgets a key. */
    void remove(String key);

    /** Every key's state, to iterate (not to change the set of keys). */
    Collection<Map.Entry<String, S>> entries();

    /** Keys held. */
    int size();

    /** Adds a put (or a delete) for every key changed since the last checkpoint. */
    void checkpoint(List<StateUpdate.Put> puts);

    /** Loads every key the last checkpoint left, replacing what is held. */
    void restore(StateStore state);

    /** Stops recording changed keys, for a run that never checkpoints (a local run). */
    void untracked();

    /** Converts one key's state to and from JSON-like values (maps, lists, strings, longs, doubles). */
    interface Codec<S> {

        Object encode(S value);

        S decode(Object json);
    }
}
