/**
 * The deterministic heart of workflows: {@link dev.flows.workflow.decision.Decider} takes an instance and one
 * {@link dev.flows.workflow.decision.Input} (an event, a signal, a timer fire, a step's outcome, a
 * cancellation) and gives the next instance, the history records that say what happened, and the {@link
 * dev.flows.workflow.decision.Command}s to carry out. It reads no clock, no disk and no network, so the same
 * inputs always give the same records: that is what replay checks.
 */
package dev.flows.workflow.decision;
