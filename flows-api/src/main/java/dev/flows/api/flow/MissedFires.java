package dev.flows.api.flow;

import java.util.Locale;

/**
 * What a schedule does about the fires that came due while Flows was not running. Never a burst: however long
 * the downtime, at most one event makes up for it.
 */
public enum MissedFires {
    /** One event at start stands for every missed fire, with {@code missed: n} in its data. */
    FIRE_ONCE,
    /** Missed fires are dropped; the schedule waits for its next fire. The default. */
    SKIP;

    /** The YAML spelling: {@code fire-once} or {@code skip}. */
    public String yamlName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
