package dev.flows.api.workflow;

import dev.flows.api.flow.Expression;
import dev.flows.api.flow.SourceLocation;
import java.util.Objects;

/**
 * A move to another state on an event of the workflow's source channels ({@code on: - event: TYPE}) or on a
 * signal sent over HTTP ({@code on: - signal: NAME}).
 *
 * @param trigger  what kind of input it waits for
 * @param name     the event type or the signal name
 * @param when     bool CEL over the event (a signal is an event whose type is its name) and {@code instance}, or
 *     null
 * @param target   the state to enter
 * @param location where the transition was declared
 */
public record Transition(Trigger trigger, String name, Expression when, String target, SourceLocation location) {

    /** The kind of input a transition waits for. */
    public enum Trigger {
        /** An event of the workflow's source channels, by type. */
        EVENT,
        /** A signal posted to the instance, by name. */
        SIGNAL
    }

    public Transition {
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(location, "location");
    }
}
