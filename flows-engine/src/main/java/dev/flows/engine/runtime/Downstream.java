package dev.flows.engine.runtime;

import java.util.List;

/** Where a stage sends what it makes; each stage has its own, which knows what comes after it. */
interface Downstream {

    /** Passes an event to the next step, or to the flow's destinations after the last one. */
    void next(FlowEvent event);

    /** Sends an event straight to the given outputs (a route case); it goes through no further step. */
    void to(FlowEvent event, List<Output> outputs);

    /**
     * Handles an event this stage failed on outside {@link Stage#onEvent} (a result built when a watermark
     * came), as the step's {@code on-error} says.
     */
    void failed(FlowEvent event, String reason);

    /** Sends an event that came after the state it belonged to was closed to the step's late channel. */
    void late(FlowEvent event, String reason);
}
