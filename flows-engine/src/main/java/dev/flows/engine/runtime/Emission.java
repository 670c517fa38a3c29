package dev.flows.engine.runtime;

/** An event on its way to one output, as produced by running the steps of a flow on one input event. */
record Emission(FlowEvent event, Output output) {}
