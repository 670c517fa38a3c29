package dev.flows.api.flow;

/**
 * What a step does with an event it fails on: an expression that errs (a missing field, a division by zero,
 * a wrong type), a lookup that has no entry and no default, a mapping that exceeds its bounds.
 */
public enum OnError {
    /** Stops the flow at that event: nothing after it is processed until the flow is fixed and restarted. */
    FAIL,
    /** Drops the event and goes on; the flow's counters record it. */
    SKIP,
    /** Sends the event to the dead-letter channel with the reason, and goes on. The default. */
    DEAD_LETTER;

    /** The YAML spelling: {@code fail}, {@code skip} or {@code dead-letter}. */
    public String yamlName() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
