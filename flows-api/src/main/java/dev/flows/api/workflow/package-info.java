/**
 * The workflow model: durable state machines declared in a flow directory ({@code workflow:} documents) or in
 * Java. A {@link dev.flows.api.workflow.Workflow} correlates events by a key, starts an instance on a matching
 * event, and moves it between {@link dev.flows.api.workflow.WorkflowState}s on events, signals and timers,
 * running each state's entry {@link dev.flows.api.workflow.WorkflowStep}s, compensated newest first when one
 * fails. Records only; the runtime is {@code flows-workflow}.
 */
package dev.flows.api.workflow;
