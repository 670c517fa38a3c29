package dev.flows.engine.explain;

import java.time.Duration;

/**
 * Writes a duration as a flow file would: one whole number and the largest unit that divides it
 * ({@code 30m}, {@code 90s}, {@code 250ms}, {@code 1d}), so that what {@code flows explain} prints can be
 * pasted back into a flow file. Stateless.
 */
final class DurationFormat {

    private DurationFormat() {}

    static String of(Duration duration) {
        long ms = duration.toMillis();
        if (ms == 0) {
            return "0s";
        }
        if (ms % 86_400_000 == 0) {
            return ms / 86_400_000 + "d";
        }
        if (ms % 3_600_000 == 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms % 60_000 == 0) {
            return ms / 60_000 + "m";
        }
        if (ms % 1000 == 0) {
            return ms / 1000 + "s";
        }
        return ms + "ms";
    }
}
