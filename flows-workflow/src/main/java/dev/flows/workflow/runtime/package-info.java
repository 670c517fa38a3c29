/**
 * Running workflows: {@link dev.flows.workflow.runtime.WorkflowRuntime} starts one {@link
 * dev.flows.workflow.runtime.WorkflowTask} per workflow and answers the HTTP API's questions (instances,
 * history, signals, cancellation). A task reads its source channels and its signal channel, fires due timers
 * ({@link dev.flows.workflow.runtime.TimerQueue}), feeds each input to the decider and commits instances,
 * offsets, table rows and an outbox of history records and emits in one state-store update, then appends the
 * outbox idempotently. Outside steps run on virtual threads ({@link dev.flows.workflow.runtime.StepRunner}) and
 * come back as inputs.
 */
package dev.flows.workflow.runtime;
