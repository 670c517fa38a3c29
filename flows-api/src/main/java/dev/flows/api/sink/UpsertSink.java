package dev.flows.api.sink;

import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Upserts rows into a table of an outside database, in batches, applying each event at most once: a row
 * whose event (source and id) was applied before is skipped, so a batch delivered again after a crash or a
 * retry changes nothing. Together with the engine delivering until a batch is done, that is effectively once.
 *
 * <p>The engine computes every row's values (the sink evaluates no expression) and calls {@link #upsert}
 * from its task threads; one sink serves every task of a flow, so implementations are thread-safe.
 */
public interface UpsertSink extends AutoCloseable {

    /**
     * Upserts the rows, in order, so that of several rows with one key the last wins. Retries failures that
     * may pass (the database down, a lost connection, a deadlock) as the destination's policy says, then gives
     * up on every row not applied; a row the database refuses for its values is given up on alone, the
     * others are applied. Blocks until then, or until {@code stopping} answers true between attempts.
     *
     * @param rows     the rows of one batch, at most the destination's batch size
     * @param stopping polled between attempts and while waiting to retry; true abandons the batch
     * @return {@link UpsertOutcome.Done} with one delivery per row, or {@link UpsertOutcome.Stopped}
     */
    UpsertOutcome upsert(List<Upsert> rows, BooleanSupplier stopping);

    /** Releases the sink's connections; called once, after the last {@link #upsert} returned. */
    @Override
    default void close() {}
}
