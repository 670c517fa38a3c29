/**
 * Durable state of flows: {@link dev.flows.engine.state.MvStateStore}, the state tables, their changelogs and
 * the consumer offsets in one H2 MVStore file, updated together in one atomic, durable step.
 */
package dev.flows.engine.state;
