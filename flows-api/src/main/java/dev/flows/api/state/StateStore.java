package dev.flows.api.state;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Durable keyed state: the state tables flows write, and the consumer offsets of flows, updated together
 * in one atomic, durable step so that a restart never sees a table row without the offset that produced it.
 * Thread-safe.
 */
public interface StateStore extends AutoCloseable {

    /** The value of a row, if the table has it. */
    Optional<byte[]> get(String table, String key);

    /** Up to {@code limit} rows with keys after {@code afterKey} ("" for the first), in key order. */
    List<TableRow> scan(String table, String afterKey, int limit);

    /** The names of the tables that hold at least one row, in name order. */
    Set<String> tables();

    /** The number of rows in a table (0 when it does not exist). */
    long size(String table);

    /** The next offset a consumer should read in a channel partition, if it ever committed one. */
    OptionalLong committedOffset(String consumer, String channel, int partition);

    /**
     * Applies every put and offset commit of the update at once, durably: after this returns, a crash
     * keeps all of it; if it throws, none of it is visible.
     *
     * @throws dev.flows.api.error.StorageException if the disk failed
     */
    void apply(StateUpdate update);

    @Override
    void close();
}
