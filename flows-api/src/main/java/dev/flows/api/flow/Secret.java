package dev.flows.api.flow;

import java.util.Objects;

/**
 * A secret value from a flow file (usually expanded from the environment), such as a webhook signing
 * secret. Its {@link #toString()} never shows the value, so that a model printed to a log or a message does
 * not leak it. Immutable.
 *
 * @param value the secret as written after expansion, never null
 */
public record Secret(String value) {

    public Secret {
        Objects.requireNonNull(value, "value");
    }

    /** {@code Secret[redacted]}, whatever the value. */
    @Override
    public String toString() {
        return "Secret[redacted]";
    }
}
