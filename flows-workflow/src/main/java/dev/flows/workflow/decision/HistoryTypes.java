package dev.flows.workflow.decision;

import java.util.Set;

/**
 * The CloudEvents types of history records, {@code flows.workflow.<what>}. The first six are inputs (replay
 * feeds them to the {@link Decider} again); the rest are what the decider made of them.
 */
public final class HistoryTypes {

    private static final String PREFIX = "flows.workflow.";

    /** Input: the event that started the instance ({@code data.event}). */
    public static final String STARTED = PREFIX + "started";
    /** Input: an event of the source channels that moved the instance or waits for it ({@code data.event}). */
    public static final String EVENT_RECEIVED = PREFIX + "event-received";
    /** Input: a signal posted over HTTP ({@code data.event}: type is the signal's name). */
    public static final String SIGNAL_RECEIVED = PREFIX + "signal-received";
    /** Input: a timer came due ({@code data.timer}, {@code data.due}; the record's time is when it fired). */
    public static final String TIMER_FIRED = PREFIX + "timer-fired";
    /** Input (an outside step's outcome), or output (an emit or table step done). */
    public static final String ACTION_COMPLETED = PREFIX + "action-completed";
    /** Input: an outside step gave up after its retries ({@code data.reason}). */
    public static final String ACTION_FAILED = PREFIX + "action-failed";
    /** Input: cancellation asked over HTTP. */
    public static final String CANCEL_REQUESTED = PREFIX + "cancel-requested";

    /** The instance entered a state. */
    public static final String STATE_ENTERED = PREFIX + "state-entered";
    /** A timer of the state just entered was scheduled, with its due time. */
    public static final String TIMER_SCHEDULED = PREFIX + "timer-scheduled";
    /** A timer was dropped because its state was left first. */
    public static final String TIMER_CANCELLED = PREFIX + "timer-cancelled";
    /** An outside step was handed to its connector (at least once, with {@code data.idempotencyKey}). */
    public static final String ACTION_STARTED = PREFIX + "action-started";
    /** A step failed; the compensations listed in {@code data.steps} run next, newest first. */
    public static final String COMPENSATING = PREFIX + "compensating";
    /** Every compensation ran. */
    public static final String COMPENSATED = PREFIX + "compensated";
    /** The instance reached a terminal state. */
    public static final String COMPLETED = PREFIX + "completed";
    /** The instance ended after a failed step (compensated). */
    public static final String FAILED = PREFIX + "failed";
    /** The instance ended by cancellation (compensated). */
    public static final String CANCELLED = PREFIX + "cancelled";

    /** The types that are inputs. */
    public static final Set<String> INPUTS = Set.of(
            STARTED, EVENT_RECEIVED, SIGNAL_RECEIVED, TIMER_FIRED, ACTION_COMPLETED, ACTION_FAILED, CANCEL_REQUESTED);

    private HistoryTypes() {}
}
