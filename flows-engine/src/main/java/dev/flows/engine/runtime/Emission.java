package dev.flows.engine.runtime;

import dev.flows.api.event.Event;

/** An event on its way to one output, as produced by running the steps of a flow on one input event. */
record Emission(Event event, Output output) {}
