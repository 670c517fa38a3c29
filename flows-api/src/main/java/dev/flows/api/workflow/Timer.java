package dev.flows.api.workflow;

import dev.flows.api.flow.SourceLocation;
import java.time.Duration;
import java.util.Objects;

/**
 * A move to another state when the instance has stayed in its state for {@code after}: due at the time it
 * entered the state plus {@code after}, never fired before, cancelled when the state is left first.
 *
 * @param after    how long after entering the state, positive
 * @param target   the state to enter
 * @param location where the timer was declared
 */
public record Timer(Duration after, String target, SourceLocation location) {

    public Timer {
        Objects.requireNonNull(after, "after");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(location, "location");
    }
}
