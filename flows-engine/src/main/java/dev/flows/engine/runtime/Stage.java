package dev.flows.engine.runtime;

import dev.flows.api.flow.Step;
import dev.flows.api.state.StateStore;
import dev.flows.api.state.StateUpdate;
import java.util.List;

/**
 * One step of a flow as it runs in one flow task. Stateless stages ignore watermarks and checkpoints;
 * stateful ones (dedupe, window, join, pattern) keep keyed state in memory, write what changed at each
 * checkpoint and read it back when the task starts. Confined to the task's thread.
 */
interface Stage {

    /** The step this stage runs, for its error policy and location. */
    Step step();

    /**
     * Processes one event, passing what comes of it to {@code next}.
     *
     * @throws dev.flows.engine.expression.ExpressionException if an expression fails on the event; the
     *     pipeline applies the step's {@code on-error}
     */
    void onEvent(FlowEvent event, Downstream next);

    /**
     * Event time has advanced to {@code watermark}: events earlier than it are late from now on, and what
     * was waiting for it (closed windows, absence deadlines) is emitted. Called with increasing values.
     */
    default void onWatermark(long watermark, Downstream next) {}

    /** Adds the state changed since the last checkpoint to {@code puts}. */
    default void checkpoint(List<StateUpdate.Put> puts) {}

    /** Loads the state the last checkpoint left; called once, before the first event. */
    default void restore(StateStore state) {}

    /** Tells a stateful stage that nothing will be checkpointed, so it need not record what changed. */
    default void withoutCheckpoints() {}

    /** Keys or entries held in memory, for status and tests. */
    default long stateSize() {
        return 0;
    }
}
