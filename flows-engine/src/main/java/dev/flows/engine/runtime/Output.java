package dev.flows.engine.runtime;

import dev.flows.api.channel.Channel;
import dev.flows.api.flow.TableMode;
import dev.flows.api.sink.Sink;
import dev.flows.api.sink.UpsertSink;
import dev.flows.engine.expression.CompiledExpression;
import java.util.List;

/** A destination compiled for one flow: its channel opened, its expressions compiled, its sink made. */
sealed interface Output {

    /** Appends to a channel of the same backend, in the flow's batch. */
    record ToChannel(Channel channel) implements Output {}

    /**
     * Appends to a channel of the same backend, in the flow's batch, addressed to the subscriber {@code user}
     * gives (null: every subscriber); see {@link PushAudience}.
     */
    record ToPush(Channel channel, CompiledExpression user) implements Output {}

    /**
     * Changes a state-table row ({@link RowUpdate} says how); committed with the flow's offsets.
     *
     * @param when   the condition an event must meet to change a row, or null
     * @param delete the condition under which the event deletes its row, or null
     */
    record ToTable(
            String table,
            CompiledExpression key,
            List<Assignment> set,
            TableMode mode,
            CompiledExpression when,
            CompiledExpression delete)
            implements Output {}

    /**
     * Delivers to an outside system; what it gives up on goes to the dead-letter channel, marked with the
     * destination's name so that a redrive knows where to send it again.
     */
    record ToSink(Sink sink, Channel deadLetter, String destination) implements Output {}

    /**
     * Upserts a row per event into an outside database table: the engine computes the columns, the sink
     * writes them in batches of {@code batch} when the task's batch ends; what it gives up on goes to the
     * dead-letter channel.
     *
     * @param name how messages name it, e.g. {@code postgres table customers}
     */
    record ToDatabase(UpsertSink sink, List<Assignment> columns, int batch, Channel deadLetter, String name)
            implements Output {}
}
