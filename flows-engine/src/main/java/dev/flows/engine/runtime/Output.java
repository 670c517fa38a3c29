package dev.flows.engine.runtime;

import dev.flows.api.channel.Channel;
import dev.flows.api.sink.Sink;
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

    /** Upserts a state-table row; committed with the flow's offsets. */
    record ToTable(String table, CompiledExpression key, List<Assignment> set) implements Output {}

    /** Delivers to an outside system; what it gives up on goes to the dead-letter channel. */
    record ToSink(Sink sink, Channel deadLetter) implements Output {}
}
