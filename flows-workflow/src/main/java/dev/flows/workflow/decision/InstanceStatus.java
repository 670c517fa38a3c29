package dev.flows.workflow.decision;

import java.util.Locale;

/** Where an instance stands. */
public enum InstanceStatus {
    /** Waiting in a state, or running its steps. */
    RUNNING,
    /** Ended in a terminal state. */
    COMPLETED,
    /** Ended after a step failed and what was done was compensated. */
    FAILED,
    /** Ended by cancellation, after what was done was compensated. */
    CANCELLED;

    /** The status as JSON writes it, lower case. */
    public String text() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The status {@link #text} wrote. */
    public static InstanceStatus parse(String text) {
        return valueOf(text.toUpperCase(Locale.ROOT));
    }
}
