package dev.flows.api.flow;

import java.util.List;
import java.util.Objects;

/**
 * A flow: events from one channel, through steps, to destinations. Built by {@link FlowBuilder} in Java or
 * parsed from a YAML flow file into the same record; the engine never sees where it came from except through
 * the locations.
 *
 * @param name     unique among loaded flows; names the flow's consumer offsets
 * @param from     the source channel
 * @param steps    in order
 * @param to       where events that pass every step go; may be empty when routes send everything
 * @param time     how event time and watermarks are read, for the stateful steps
 * @param location where the flow was declared
 */
public record Flow(
        String name, String from, List<Step> steps, List<Destination> to, EventTime time, SourceLocation location) {

    public Flow {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(from, "from");
        steps = List.copyOf(steps);
        to = List.copyOf(to);
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(location, "location");
    }

    /** A flow with the default event time ({@link EventTime#DEFAULT}). */
    public Flow(String name, String from, List<Step> steps, List<Destination> to, SourceLocation location) {
        this(name, from, steps, to, EventTime.DEFAULT, location);
    }

    /** Whether any step keeps state in event time (dedupe, window, join, pattern). */
    public boolean stateful() {
        return steps.stream()
                .anyMatch(step -> step instanceof Step.Dedupe
                        || step instanceof Step.Window
                        || step instanceof Step.Join
                        || step instanceof Step.Pattern);
    }

    /** Starts a flow in Java. */
    public static FlowBuilder named(String name) {
        return new FlowBuilder(name);
    }
}
