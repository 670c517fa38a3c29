package dev.flows.api.state;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.TimeUnit;

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
     * Up to {@code limit} changes of a table with versions after {@code afterVersion}, oldest first. A store
     * keeps the recent changes of each table only ({@link #changeVersions} says which); a gap between {@code
     * afterVersion} and the first change returned means the ones between are no longer kept. The default keeps
     * no changelog and returns none.
     */
    default List<TableChange> changes(String table, long afterVersion, int limit) {
        return List.of();
    }

    /** The versions of the changes a table's changelog holds now; {@link ChangeVersions#NONE} by default. */
    default ChangeVersions changeVersions(String table) {
        return ChangeVersions.NONE;
    }

    /**
     * Waits until a table has a change after {@code afterVersion}, or the timeout passes, whichever is first.
     * The default polls {@link #changeVersions} every 50 ms.
     *
     * @return whether there is such a change
     * @throws InterruptedException if the waiting thread is interrupted
     */
    default boolean awaitChange(String table, long afterVersion, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (changeVersions(table).last() <= afterVersion) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            Thread.sleep(Math.min(TimeUnit.NANOSECONDS.toMillis(left) + 1, 50));
        }
        return true;
    }

    /**
     * Applies every put and offset commit of the update at once, durably: after this returns, a crash
     * keeps all of it; if it throws, none of it is visible. Logged puts that change a row (an upsert that
     * leaves the row's bytes as they were, or a delete of a row that does not exist, changes nothing) are
     * recorded in their table's changelog in the same step, each with the next version of its table.
     *
     * @throws dev.flows.api.error.StorageException if the disk failed
     */
    void apply(StateUpdate update);

    @Override
    void close();
}
